-- CreateTable
CREATE TABLE "ScheduleRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "slot" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL,
    "doneAt" DATETIME
);

-- CreateTable
CREATE TABLE "ServiceState" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleRun_key_key" ON "ScheduleRun"("key");

-- CreateIndex
CREATE INDEX "ScheduleRun_status_idx" ON "ScheduleRun"("status");

