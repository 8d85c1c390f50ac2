-- Outbound delivery state: pending | sent | retrying | failed (given up). Added in place (the table
-- holds files; no copy), existing rows get the state their sentAt says.
ALTER TABLE "OutboundMessage" ADD COLUMN "state" TEXT NOT NULL DEFAULT 'pending';
UPDATE "OutboundMessage" SET "state" = 'sent' WHERE "sentAt" IS NOT NULL;
UPDATE "OutboundMessage" SET "state" = 'retrying' WHERE "sentAt" IS NULL AND "attempts" > 0;
CREATE INDEX "OutboundMessage_state_idx" ON "OutboundMessage"("state");
