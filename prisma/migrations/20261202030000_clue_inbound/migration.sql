-- AlterTable
ALTER TABLE "Clue" ADD COLUMN "inboundId" INTEGER;

-- CreateIndex
CREATE INDEX "Clue_inboundId_idx" ON "Clue"("inboundId");

