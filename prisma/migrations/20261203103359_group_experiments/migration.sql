-- AlterTable
ALTER TABLE "ClassSession" ADD COLUMN     "groupExperiment" JSONB;

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "experimentGroup" INTEGER;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "group" JSONB;
