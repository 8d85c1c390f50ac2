-- CreateTable
CREATE TABLE "Clue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "masked" TEXT NOT NULL,
    "remark" TEXT,
    "unitId" INTEGER,
    "status" TEXT NOT NULL,
    "result" TEXT,
    "routedAt" DATETIME,
    "dueAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Clue_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClueHistory" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clueId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "detail" TEXT,
    CONSTRAINT "ClueHistory_clueId_fkey" FOREIGN KEY ("clueId") REFERENCES "Clue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Clue_code_key" ON "Clue"("code");

-- CreateIndex
CREATE INDEX "Clue_value_status_idx" ON "Clue"("value", "status");

-- CreateIndex
CREATE INDEX "Clue_unitId_status_idx" ON "Clue"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Clue_year_seq_key" ON "Clue"("year", "seq");

-- CreateIndex
CREATE INDEX "ClueHistory_clueId_idx" ON "ClueHistory"("clueId");

