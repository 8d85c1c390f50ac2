-- The whole schema as of prisma/migrations/20261202030000_clue_inbound (SQLite's migrations up to then).
-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "duty" TEXT NOT NULL DEFAULT '',
    "clueKinds" TEXT NOT NULL DEFAULT '[]',
    "fields" TEXT NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "contactId" TEXT,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "unitId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" SERIAL NOT NULL,
    "wechatId" TEXT NOT NULL,
    "chat" TEXT NOT NULL,
    "roomId" TEXT,
    "roomTopic" TEXT,
    "senderId" TEXT NOT NULL,
    "senderName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mentions" TEXT NOT NULL DEFAULT '[]',
    "fileName" TEXT,
    "fileData" BYTEA,
    "fileSize" INTEGER,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "handledAt" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" SERIAL NOT NULL,
    "inboundId" INTEGER,
    "chat" TEXT NOT NULL,
    "roomTopic" TEXT,
    "contactId" TEXT,
    "recipientName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mentions" TEXT NOT NULL DEFAULT '[]',
    "fileName" TEXT,
    "fileData" BYTEA,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "sentAt" TIMESTAMPTZ(3),
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "byPersonId" INTEGER,
    "byName" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    "inboundId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduleRun" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "slot" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "ScheduleRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceState" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceState_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Clue" (
    "id" SERIAL NOT NULL,
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
    "routedAt" TIMESTAMPTZ(3),
    "dueAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "inboundId" INTEGER,

    CONSTRAINT "Clue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClueBatch" (
    "id" SERIAL NOT NULL,
    "fileName" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "header" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ClueBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClueBatchRow" (
    "id" SERIAL NOT NULL,
    "batchId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "cells" TEXT NOT NULL,
    "clueId" INTEGER,

    CONSTRAINT "ClueBatchRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClueHistory" (
    "id" SERIAL NOT NULL,
    "clueId" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "ClueHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bulletin" (
    "id" SERIAL NOT NULL,
    "period" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "corrected" BOOLEAN NOT NULL,
    "figures" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Bulletin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskUnit" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "result" TEXT,
    "doneAt" TIMESTAMPTZ(3),
    "doneBy" TEXT,

    CONSTRAINT "TaskUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskFile" (
    "id" SERIAL NOT NULL,
    "taskUnitId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSize" INTEGER NOT NULL,
    "fileType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "inboundId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TaskFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskHistory" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "TaskHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Collection" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "accepts" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Collection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectionUnit" (
    "id" SERIAL NOT NULL,
    "collectionId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,

    CONSTRAINT "CollectionUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectionAnswer" (
    "id" SERIAL NOT NULL,
    "collectionId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "fileName" TEXT,
    "fileSize" INTEGER,
    "fileType" TEXT,
    "sha256" TEXT,
    "byName" TEXT NOT NULL,
    "byPersonId" INTEGER,
    "inboundId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CollectionAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportDialogue" (
    "id" SERIAL NOT NULL,
    "contactId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "values" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReportDialogue_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "OutboundMessage_state_idx" ON "OutboundMessage"("state");

-- CreateIndex
CREATE INDEX "OutboundMessage_inboundId_idx" ON "OutboundMessage"("inboundId");

-- CreateIndex
CREATE INDEX "Submission_period_idx" ON "Submission"("period");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_unitId_period_revision_key" ON "Submission"("unitId", "period", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleRun_key_key" ON "ScheduleRun"("key");

-- CreateIndex
CREATE INDEX "ScheduleRun_status_idx" ON "ScheduleRun"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Clue_code_key" ON "Clue"("code");

-- CreateIndex
CREATE INDEX "Clue_value_status_idx" ON "Clue"("value", "status");

-- CreateIndex
CREATE INDEX "Clue_unitId_status_idx" ON "Clue"("unitId", "status");

-- CreateIndex
CREATE INDEX "Clue_inboundId_idx" ON "Clue"("inboundId");

-- CreateIndex
CREATE UNIQUE INDEX "Clue_year_seq_key" ON "Clue"("year", "seq");

-- CreateIndex
CREATE INDEX "ClueBatch_fileName_idx" ON "ClueBatch"("fileName");

-- CreateIndex
CREATE INDEX "ClueBatchRow_clueId_idx" ON "ClueBatchRow"("clueId");

-- CreateIndex
CREATE UNIQUE INDEX "ClueBatchRow_batchId_seq_key" ON "ClueBatchRow"("batchId", "seq");

-- CreateIndex
CREATE INDEX "ClueHistory_clueId_idx" ON "ClueHistory"("clueId");

-- CreateIndex
CREATE UNIQUE INDEX "Bulletin_period_version_key" ON "Bulletin"("period", "version");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Task_code_key" ON "Task"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Task_year_seq_key" ON "Task"("year", "seq");

-- CreateIndex
CREATE INDEX "TaskUnit_unitId_status_idx" ON "TaskUnit"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TaskUnit_taskId_unitId_key" ON "TaskUnit"("taskId", "unitId");

-- CreateIndex
CREATE INDEX "TaskFile_taskUnitId_idx" ON "TaskFile"("taskUnitId");

-- CreateIndex
CREATE INDEX "TaskHistory_taskId_idx" ON "TaskHistory"("taskId");

-- CreateIndex
CREATE UNIQUE INDEX "Collection_year_name_key" ON "Collection"("year", "name");

-- CreateIndex
CREATE UNIQUE INDEX "CollectionUnit_collectionId_unitId_key" ON "CollectionUnit"("collectionId", "unitId");

-- CreateIndex
CREATE INDEX "CollectionAnswer_inboundId_idx" ON "CollectionAnswer"("inboundId");

-- CreateIndex
CREATE UNIQUE INDEX "CollectionAnswer_collectionId_unitId_version_key" ON "CollectionAnswer"("collectionId", "unitId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ReportDialogue_contactId_key" ON "ReportDialogue"("contactId");

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clue" ADD CONSTRAINT "Clue_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClueBatchRow" ADD CONSTRAINT "ClueBatchRow_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ClueBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClueBatchRow" ADD CONSTRAINT "ClueBatchRow_clueId_fkey" FOREIGN KEY ("clueId") REFERENCES "Clue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClueHistory" ADD CONSTRAINT "ClueHistory_clueId_fkey" FOREIGN KEY ("clueId") REFERENCES "Clue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskUnit" ADD CONSTRAINT "TaskUnit_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskUnit" ADD CONSTRAINT "TaskUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskFile" ADD CONSTRAINT "TaskFile_taskUnitId_fkey" FOREIGN KEY ("taskUnitId") REFERENCES "TaskUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskHistory" ADD CONSTRAINT "TaskHistory_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionUnit" ADD CONSTRAINT "CollectionUnit_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionUnit" ADD CONSTRAINT "CollectionUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionAnswer" ADD CONSTRAINT "CollectionAnswer_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Append-only (written by hand, not by migrate diff), as SQLite's 20261128040000_audit: the database
-- refuses to change or remove an audit row.
CREATE FUNCTION "AuditLog_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AuditLog is append-only';
END;
$$;

CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE ON "AuditLog"
    FOR EACH ROW EXECUTE FUNCTION "AuditLog_append_only"();

CREATE TRIGGER "AuditLog_no_delete" BEFORE DELETE ON "AuditLog"
    FOR EACH ROW EXECUTE FUNCTION "AuditLog_append_only"();
