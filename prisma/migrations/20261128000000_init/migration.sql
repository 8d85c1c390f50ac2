-- CreateTable
CREATE TABLE "Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "duty" TEXT NOT NULL DEFAULT '',
    "clueKinds" TEXT NOT NULL DEFAULT '[]',
    "fields" TEXT NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contactId" TEXT,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "unitId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "wechatId" TEXT NOT NULL,
    "chat" TEXT NOT NULL,
    "roomId" TEXT,
    "roomTopic" TEXT,
    "senderId" TEXT NOT NULL,
    "senderName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mentions" TEXT NOT NULL DEFAULT '[]',
    "fileName" TEXT,
    "fileData" BLOB,
    "receivedAt" DATETIME NOT NULL,
    "handledAt" DATETIME,
    "outcome" TEXT
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inboundId" INTEGER,
    "chat" TEXT NOT NULL,
    "roomTopic" TEXT,
    "contactId" TEXT,
    "recipientName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mentions" TEXT NOT NULL DEFAULT '[]',
    "fileName" TEXT,
    "fileData" BLOB,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "byPersonId" INTEGER,
    "byName" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    "inboundId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Submission_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_key_key" ON "Unit"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Person_contactId_key" ON "Person"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_wechatId_key" ON "InboundMessage"("wechatId");

-- CreateIndex
CREATE INDEX "InboundMessage_handledAt_idx" ON "InboundMessage"("handledAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_sentAt_idx" ON "OutboundMessage"("sentAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_inboundId_idx" ON "OutboundMessage"("inboundId");

-- CreateIndex
CREATE INDEX "Submission_period_idx" ON "Submission"("period");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_unitId_period_revision_key" ON "Submission"("unitId", "period", "revision");

