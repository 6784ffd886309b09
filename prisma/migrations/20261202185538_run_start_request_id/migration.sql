-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "startRequestId" TEXT;
