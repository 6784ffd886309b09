-- CreateEnum
CREATE TYPE "LessonStepKind" AS ENUM ('TRAINING', 'CELL');

-- AlterTable
ALTER TABLE "ClassSession" ADD COLUMN     "allowedStepFrom" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "allowedStepTo" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "currentStep" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lessonId" TEXT,
ADD COLUMN     "lessonSnapshot" JSONB;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "lessonStep" INTEGER;

-- CreateTable
CREATE TABLE "Lesson" (
    "id" TEXT NOT NULL,
    "teacherId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "copiedFrom" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lesson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LessonStep" (
    "id" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "LessonStepKind" NOT NULL,
    "title" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "lookFor" TEXT NOT NULL DEFAULT '',
    "discussion" TEXT NOT NULL DEFAULT '',
    "settings" JSONB,
    "cell" INTEGER,

    CONSTRAINT "LessonStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Lesson_teacherId_updatedAt_idx" ON "Lesson"("teacherId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "LessonStep_lessonId_position_key" ON "LessonStep"("lessonId", "position");

-- CreateIndex
CREATE INDEX "ClassSession_lessonId_idx" ON "ClassSession"("lessonId");

-- AddForeignKey
ALTER TABLE "ClassSession" ADD CONSTRAINT "ClassSession_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lesson" ADD CONSTRAINT "Lesson_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "Teacher"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonStep" ADD CONSTRAINT "LessonStep_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
