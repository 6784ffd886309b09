-- CreateTable
CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL,
    "classSessionId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "runId" TEXT,
    "config" JSONB,
    "step" INTEGER NOT NULL DEFAULT 0,
    "loss" DOUBLE PRECISION,
    "accuracy" DOUBLE PRECISION,
    "curve" JSONB NOT NULL DEFAULT '[]',
    "map" BYTEA,
    "weights" JSONB,
    "order" INTEGER NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Snapshot_classSessionId_order_idx" ON "Snapshot"("classSessionId", "order");

-- CreateIndex
CREATE INDEX "Snapshot_participantId_idx" ON "Snapshot"("participantId");

-- CreateIndex
CREATE INDEX "Snapshot_runId_idx" ON "Snapshot"("runId");

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_classSessionId_fkey" FOREIGN KEY ("classSessionId") REFERENCES "ClassSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;
