import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getAppContext } from "@/server/context";
import { requireTeacher } from "@/server/http/teacher-auth";
import { findOwnedSession } from "@/server/sessions/find-owned-session";
import { Dashboard } from "./_components/dashboard";
import { initialClassState } from "./_lib/initial-class-state";

export const metadata: Metadata = { title: "Live dashboard" };
export const dynamic = "force-dynamic";

/**
 * The live dashboard. Signed out → sign-in; not the owner (or no such session) → 404, the same
 * answer for both so session ids cannot be probed. Live data then comes over the socket.
 */
export default async function DashboardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const teacher = await requireTeacher();
  const { db } = getAppContext();
  const session = await findOwnedSession(db, teacher.id, id);
  if (!session) notFound();
  const total = await db.participant.count({ where: { classSessionId: session.id, removedAt: null } });
  return (
    // Wider than the site's reading column: tiles and the chart want the whole projector.
    <div className="relative left-1/2 w-[calc(100vw-2rem)] max-w-[1600px] -translate-x-1/2">
      <Dashboard
        classId={session.id}
        joinCode={session.joinCode}
        initialClass={initialClassState(session)}
        initialTotal={total}
      />
    </div>
  );
}
