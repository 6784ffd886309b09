-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "attentionSeen" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "flags" JSONB NOT NULL DEFAULT '[]';
