-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InboundMessage" (
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
    "outcome" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_InboundMessage" ("chat", "fileData", "fileName", "handledAt", "id", "mentions", "outcome", "receivedAt", "roomId", "roomTopic", "senderId", "senderName", "text", "wechatId") SELECT "chat", "fileData", "fileName", "handledAt", "id", "mentions", "outcome", "receivedAt", "roomId", "roomTopic", "senderId", "senderName", "text", "wechatId" FROM "InboundMessage";
DROP TABLE "InboundMessage";
ALTER TABLE "new_InboundMessage" RENAME TO "InboundMessage";
CREATE UNIQUE INDEX "InboundMessage_wechatId_key" ON "InboundMessage"("wechatId");
CREATE INDEX "InboundMessage_handledAt_idx" ON "InboundMessage"("handledAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

