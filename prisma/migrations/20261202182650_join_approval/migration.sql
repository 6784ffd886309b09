-- CreateEnum
CREATE TYPE "JoinRequestStatus" AS ENUM ('WAITING', 'ADMITTED', 'DENIED');

-- AlterTable
ALTER TABLE "ClassSession" ADD COLUMN     "isApprovalRequired" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "JoinRequest" (
    "id" TEXT NOT NULL,
    "classSessionId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "addressHash" TEXT NOT NULL,
    "status" "JoinRequestStatus" NOT NULL DEFAULT 'WAITING',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "JoinRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "JoinRequest_tokenHash_key" ON "JoinRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "JoinRequest_classSessionId_status_requestedAt_idx" ON "JoinRequest"("classSessionId", "status", "requestedAt");

-- CreateIndex
CREATE INDEX "JoinRequest_classSessionId_addressHash_idx" ON "JoinRequest"("classSessionId", "addressHash");

-- AddForeignKey
ALTER TABLE "JoinRequest" ADD CONSTRAINT "JoinRequest_classSessionId_fkey" FOREIGN KEY ("classSessionId") REFERENCES "ClassSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
