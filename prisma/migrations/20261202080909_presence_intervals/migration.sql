-- CreateTable
CREATE TABLE "PresenceInterval" (
    "id" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PresenceInterval_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PresenceInterval_participantId_startedAt_idx" ON "PresenceInterval"("participantId", "startedAt");

-- AddForeignKey
ALTER TABLE "PresenceInterval" ADD CONSTRAINT "PresenceInterval_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
