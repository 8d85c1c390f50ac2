-- CreateTable
CREATE TABLE "ClueBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fileName" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "header" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ClueBatchRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "batchId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "cells" TEXT NOT NULL,
    "clueId" INTEGER,
    CONSTRAINT "ClueBatchRow_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ClueBatch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ClueBatchRow_clueId_fkey" FOREIGN KEY ("clueId") REFERENCES "Clue" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ClueBatch_fileName_idx" ON "ClueBatch"("fileName");

-- CreateIndex
CREATE INDEX "ClueBatchRow_clueId_idx" ON "ClueBatchRow"("clueId");

-- CreateIndex
CREATE UNIQUE INDEX "ClueBatchRow_batchId_seq_key" ON "ClueBatchRow"("batchId", "seq");

