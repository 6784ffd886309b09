import type { Metadata } from "next";
import Link from "next/link";
import { getAppContext } from "@/server/context";
import { requireTeacher } from "@/server/http/teacher-auth";
import { type LessonListItem, listLessons } from "@/server/lessons/list-lessons";
import { LessonActionButton } from "./_components/lesson-action-button";
import { copyLessonAction, createLessonAction } from "./actions";

export const metadata: Metadata = { title: "Lessons" };
export const dynamic = "force-dynamic";

function LessonRow({ lesson }: { lesson: LessonListItem }) {
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 px-4 py-3" data-testid="lesson-row">
      <div className="min-w-0 max-w-prose">
        <Link href={`/teacher/lessons/${lesson.id}`} className="font-semibold underline-offset-4 hover:underline">
          {lesson.title}
        </Link>
        <p className="text-sm text-slate-700">
          {lesson.stepCount} steps ·{" "}
          {lesson.isBuiltIn ? "built in, read-only" : `saved ${lesson.updatedAt?.toLocaleString("en")}`}
        </p>
        {lesson.summary ? <p className="mt-1 text-sm text-slate-700">{lesson.summary}</p> : null}
      </div>
      <div className="flex flex-wrap items-start gap-2">
        <Link
          href={`/teacher/sessions/new?lesson=${encodeURIComponent(lesson.id)}`}
          className="btn-secondary px-3 py-1 text-sm"
          aria-label={`Launch a session with ${lesson.title}`}
        >
          Launch
        </Link>
        {lesson.isBuiltIn ? null : (
          <Link
            href={`/teacher/lessons/${lesson.id}/edit`}
            className="btn-secondary px-3 py-1 text-sm"
            aria-label={`Edit ${lesson.title}`}
          >
            Edit
          </Link>
        )}
        <LessonActionButton
          action={copyLessonAction}
          lessonId={lesson.id}
          label="Copy"
          ariaLabel={`Copy ${lesson.title}`}
          pendingLabel="Copying…"
          className="btn-secondary px-3 py-1 text-sm"
        />
      </div>
    </li>
  );
}

/** /teacher/lessons: the built-in lessons and the teacher's own; copy one to make it yours. */
export default async function LessonsPage() {
  const teacher = await requireTeacher();
  const lessons = await listLessons(getAppContext().db, teacher.id);
  const builtIn = lessons.filter((lesson) => lesson.isBuiltIn);
  const own = lessons.filter((lesson) => !lesson.isBuiltIn);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Lessons</h1>
          <p className="text-slate-700">
            Ordered steps for a class: a prompt for students, notes for you, and each step's own settings or cell.
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <LessonActionButton action={createLessonAction} label="New lesson" pendingLabel="Creating…" />
          <Link href="/teacher" className="btn-secondary">
            Your classes
          </Link>
        </div>
      </div>
      <section aria-labelledby="built-in-heading" className="space-y-2">
        <h2 id="built-in-heading" className="text-xl font-semibold">
          Built in
        </h2>
        <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white">
          {builtIn.map((lesson) => (
            <LessonRow key={lesson.id} lesson={lesson} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="own-heading" className="space-y-2">
        <h2 id="own-heading" className="text-xl font-semibold">
          Your lessons
        </h2>
        {own.length === 0 ? (
          <p className="card text-slate-700">None yet: copy a built-in lesson to adapt it, or start a new one.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white">
            {own.map((lesson) => (
              <LessonRow key={lesson.id} lesson={lesson} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
