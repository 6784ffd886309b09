-- AlterTable
ALTER TABLE "ClassSession" ADD COLUMN     "isConsensusShown" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "projectorCompare" JSONB;
