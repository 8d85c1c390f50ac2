-- A clue file's rows become one JSON value on its batch ([cells, code of its clue] per row, in file
-- order) instead of one ClueBatchRow each (as prisma/migrations/20261202071500_clue_batch_rows_blob
-- does on SQLite). Existing batches keep their rows, copied in file order.
ALTER TABLE "ClueBatch" ADD COLUMN "rows" TEXT, ADD COLUMN "rowCount" INTEGER;
UPDATE "ClueBatch" b SET
  "rows" = COALESCE((SELECT json_agg(json_build_array(r."cells"::json, c."code") ORDER BY r."seq")::text
                     FROM "ClueBatchRow" r LEFT JOIN "Clue" c ON c."id" = r."clueId" WHERE r."batchId" = b."id"), '[]'),
  "rowCount" = (SELECT COUNT(*) FROM "ClueBatchRow" r WHERE r."batchId" = b."id");
ALTER TABLE "ClueBatch" ALTER COLUMN "rows" SET NOT NULL, ALTER COLUMN "rowCount" SET NOT NULL;
DROP TABLE "ClueBatchRow";
