import type { Metadata } from "next";
import { defaultSessionSettings } from "@/lib/classroom";
import { getAppContext } from "@/server/context";
import { requireTeacher } from "@/server/http/teacher-auth";
import { listLessons } from "@/server/lessons/list-lessons";
import { NewSessionForm } from "./new-session-form";

export const metadata: Metadata = { title: "New session" };
export const dynamic = "force-dynamic";

/** /teacher/sessions/new[?lesson=<id>]: launch a class, from a lesson (preselected by ?lesson) or without one. */
export default async function NewSessionPage({
  searchParams,
}: {
  searchParams: Promise<{ lesson?: string | string[] }>;
}) {
  const teacher = await requireTeacher();
  const lessons = await listLessons(getAppContext().db, teacher.id);
  const { lesson } = await searchParams;
  // Only a lesson from the list is preselected: the query string is the visitor's to edit.
  const initialLessonId = lessons.find((candidate) => candidate.id === lesson)?.id ?? null;
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Launch a session</h1>
      <NewSessionForm
        defaults={defaultSessionSettings()}
        lessons={lessons.map(({ id, title, stepCount, isBuiltIn }) => ({ id, title, stepCount, isBuiltIn }))}
        initialLessonId={initialLessonId}
      />
    </div>
  );
}
