import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { STEP_KIND } from "@/lib/lessons";
import { getAppContext } from "@/server/context";
import { requireTeacher } from "@/server/http/teacher-auth";
import { findLesson } from "@/server/lessons/find-lesson";
import { LessonActionButton } from "../_components/lesson-action-button";
import { describeActivity, describeSettings } from "../_lib/describe-step";
import { copyLessonAction, deleteLessonAction } from "../actions";

export const metadata: Metadata = { title: "Lesson" };
export const dynamic = "force-dynamic";

/** /teacher/lessons/[id]: a lesson's steps with prompts, notes and settings; a built-in one or the teacher's own, else 404. */
export default async function LessonPage({ params }: { params: Promise<{ id: string }> }) {
  const teacher = await requireTeacher();
  const { id } = await params;
  const lesson = await findLesson(getAppContext().db, teacher.id, decodeURIComponent(id));
  if (!lesson) notFound();
  const { content } = lesson;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-prose">
          <p className="text-sm text-slate-700">
            <Link href="/teacher/lessons" className="underline">
              Lessons
            </Link>{" "}
            · {lesson.isBuiltIn ? "built in, read-only: copy it to change it" : "yours"}
          </p>
          <h1 className="text-3xl font-bold tracking-tight">{content.title}</h1>
          {content.summary ? <p className="mt-1 text-slate-700">{content.summary}</p> : null}
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <Link href={`/teacher/sessions/new?lesson=${encodeURIComponent(lesson.id)}`} className="btn-primary">
            Launch a session
          </Link>
          {lesson.isBuiltIn ? null : (
            <Link href={`/teacher/lessons/${lesson.id}/edit`} className="btn-secondary">
              Edit
            </Link>
          )}
          <LessonActionButton action={copyLessonAction} lessonId={lesson.id} label="Copy" pendingLabel="Copying…" />
          {lesson.isBuiltIn ? null : (
            <LessonActionButton
              action={deleteLessonAction}
              lessonId={lesson.id}
              label="Delete"
              pendingLabel="Deleting…"
              confirmText={`Delete the lesson "${content.title}"? Sessions already launched from it keep their copy.`}
            />
          )}
        </div>
      </div>
      <ol className="space-y-4">
        {content.steps
          .map((step, index) => ({ step, number: index + 1 }))
          .map(({ step, number }) => (
            // A read-only list in lesson order: a step's number is its identity here.
            <li key={number} className="card space-y-3" data-testid="lesson-step">
              <div>
                <p className="text-sm font-semibold text-slate-700">
                  Step {number} · {describeActivity(step)}
                </p>
                <h2 className="text-xl font-semibold">{step.title}</h2>
              </div>
              <div>
                <h3 className="text-sm font-semibold text-slate-700">Students read</h3>
                <p>{step.prompt}</p>
              </div>
              {step.lookFor ? (
                <div>
                  <h3 className="text-sm font-semibold text-slate-700">What to look for</h3>
                  <p>{step.lookFor}</p>
                </div>
              ) : null}
              {step.discussion ? (
                <div>
                  <h3 className="text-sm font-semibold text-slate-700">Ask the class</h3>
                  <p>{step.discussion}</p>
                </div>
              ) : null}
              {step.kind === STEP_KIND.training ? (
                <div>
                  <h3 className="text-sm font-semibold text-slate-700">Settings</h3>
                  <ul className="text-sm text-slate-800">
                    {describeSettings(step.settings).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          ))}
      </ol>
    </div>
  );
}
