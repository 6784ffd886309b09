import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getAppContext } from "@/server/context";
import { requireTeacher } from "@/server/http/teacher-auth";
import { findLesson } from "@/server/lessons/find-lesson";
import { LessonEditor } from "../../_components/lesson-editor";

export const metadata: Metadata = { title: "Edit lesson" };
export const dynamic = "force-dynamic";

/** /teacher/lessons/[id]/edit: the editor for one of the teacher's own lessons; built-in and others' lessons are 404. */
export default async function EditLessonPage({ params }: { params: Promise<{ id: string }> }) {
  const teacher = await requireTeacher();
  const { id } = await params;
  const lesson = await findLesson(getAppContext().db, teacher.id, decodeURIComponent(id));
  if (!lesson || lesson.isBuiltIn) notFound();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm text-slate-700">
        <Link href="/teacher/lessons" className="underline">
          Lessons
        </Link>
      </p>
      <h1 className="text-3xl font-bold tracking-tight">Edit lesson</h1>
      <LessonEditor lessonId={lesson.id} content={lesson.content} />
    </div>
  );
}
