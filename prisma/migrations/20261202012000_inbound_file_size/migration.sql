-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN "fileSize" INTEGER;

