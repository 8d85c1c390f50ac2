-- CreateTable
CREATE TABLE "TaskFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskUnitId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSize" INTEGER NOT NULL,
    "fileType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "inboundId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "TaskFile_taskUnitId_fkey" FOREIGN KEY ("taskUnitId") REFERENCES "TaskUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TaskFile_taskUnitId_idx" ON "TaskFile"("taskUnitId");

