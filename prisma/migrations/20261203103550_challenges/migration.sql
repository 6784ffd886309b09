-- CreateEnum
CREATE TYPE "ChallengeVerdict" AS ENUM ('VERIFIED', 'UNVERIFIED', 'INELIGIBLE');

-- CreateTable
CREATE TABLE "Challenge" (
    "id" TEXT NOT NULL,
    "classSessionId" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Challenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChallengeEntry" (
    "id" TEXT NOT NULL,
    "challengeId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "verdict" "ChallengeVerdict" NOT NULL,
    "reasons" TEXT[],
    "hidden" INTEGER NOT NULL,
    "parameterCount" INTEGER NOT NULL,
    "steps" INTEGER NOT NULL,
    "accuracy" DOUBLE PRECISION,
    "replayDifference" DOUBLE PRECISION,
    "replayMs" INTEGER,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChallengeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Challenge_classSessionId_createdAt_idx" ON "Challenge"("classSessionId", "createdAt");

-- CreateIndex
CREATE INDEX "ChallengeEntry_runId_idx" ON "ChallengeEntry"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "ChallengeEntry_challengeId_runId_key" ON "ChallengeEntry"("challengeId", "runId");

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_classSessionId_fkey" FOREIGN KEY ("classSessionId") REFERENCES "ClassSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeEntry" ADD CONSTRAINT "ChallengeEntry_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeEntry" ADD CONSTRAINT "ChallengeEntry_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
