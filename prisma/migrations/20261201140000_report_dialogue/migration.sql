-- CreateTable
CREATE TABLE "ReportDialogue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contactId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "values" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportDialogue_contactId_key" ON "ReportDialogue"("contactId");

