-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "edits" JSONB NOT NULL DEFAULT '[]';
