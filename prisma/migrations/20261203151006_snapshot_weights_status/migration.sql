-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN     "weightsStatus" TEXT;
