import type { Metadata } from "next";
import Link from "next/link";
import { getAppContext } from "@/server/context";
import { requireTeacher } from "@/server/http/teacher-auth";
import { signOutAction } from "./actions";

export const metadata: Metadata = { title: "Your classes" };
export const dynamic = "force-dynamic";

export default async function TeacherHomePage() {
  const teacher = await requireTeacher();
  const classes = await getAppContext().db.classSession.findMany({
    where: { teacherId: teacher.id },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      title: true,
      joinCode: true,
      status: true,
      createdAt: true,
      _count: { select: { participants: true } },
    },
  });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Your classes</h1>
          <p className="text-slate-700">
            Signed in as {teacher.name} ({teacher.email})
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <Link href="/teacher/sessions/new" className="btn-primary">
            Launch a session
          </Link>
          <Link href="/teacher/lessons" className="btn-secondary">
            Lessons
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="btn-secondary">
              Sign out
            </button>
          </form>
        </div>
      </div>
      {classes.length === 0 ? (
        <div className="card text-slate-700">
          <h2 className="text-lg font-semibold text-slate-900">No classes yet</h2>
          <p className="mt-1">Launch a session and your classes will appear here.</p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white">
          {classes.map((session) => (
            <li key={session.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <Link
                href={`/teacher/sessions/${session.id}`}
                className="font-semibold underline-offset-4 hover:underline"
              >
                {session.title}
              </Link>
              <span className="text-sm text-slate-700">
                Code <span className="font-mono">{session.joinCode}</span> · {session.status.toLowerCase()} ·{" "}
                {session._count.participants} students · {session.createdAt.toLocaleDateString("en")}
              </span>
              <span className="flex gap-2">
                <Link
                  href={`/teacher/sessions/${session.id}`}
                  className="btn-secondary px-3 py-1 text-sm"
                  aria-label={`Dashboard of ${session.title}`}
                >
                  Dashboard
                </Link>
                <Link
                  href={`/teacher/sessions/${session.id}/present`}
                  className="btn-secondary px-3 py-1 text-sm"
                  aria-label={`Projector view of ${session.title}`}
                >
                  Projector view
                </Link>
                <Link
                  href={`/teacher/sessions/${session.id}/review`}
                  className="btn-secondary px-3 py-1 text-sm"
                  aria-label={`Review of ${session.title}`}
                >
                  Review
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
