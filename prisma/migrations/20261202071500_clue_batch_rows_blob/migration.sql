-- A clue file's rows become one JSON value on its batch ([cells, code of its clue] per row, in file
-- order) instead of one ClueBatchRow each: an import of 100,000 lines wrote 100,000 rows into three
-- indexes. Existing batches keep their rows, copied in file order.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ClueBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fileName" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "header" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "rows" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL
);
INSERT INTO "new_ClueBatch" ("id", "fileName", "source", "actor", "header", "createdAt", "rows", "rowCount")
SELECT b."id", b."fileName", b."source", b."actor", b."header", b."createdAt",
       (SELECT json_group_array(json_array(json(r."cells"), (SELECT c."code" FROM "Clue" c WHERE c."id" = r."clueId")) ORDER BY r."seq")
        FROM "ClueBatchRow" r WHERE r."batchId" = b."id"),
       (SELECT COUNT(*) FROM "ClueBatchRow" r WHERE r."batchId" = b."id")
FROM "ClueBatch" b;
DROP INDEX "ClueBatchRow_clueId_idx";
DROP INDEX "ClueBatchRow_batchId_seq_key";
DROP TABLE "ClueBatchRow";
DROP TABLE "ClueBatch";
ALTER TABLE "new_ClueBatch" RENAME TO "ClueBatch";
CREATE INDEX "ClueBatch_fileName_idx" ON "ClueBatch"("fileName");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
