import type { Metadata } from "next";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { getAppContext } from "@/server/context";
import { requireTeacher } from "@/server/http/teacher-auth";
import { findOwnedSession } from "@/server/sessions/find-owned-session";
import { initialClassState } from "../_lib/initial-class-state";
import { PresentLive } from "./present-live";

export const metadata: Metadata = { title: "Join code" };
export const dynamic = "force-dynamic";

/**
 * The projector view: the code in huge type, the join URL and its QR code, then the live part
 * (student count, spotlit student) over the teacher's socket.
 */
export default async function PresentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const teacher = await requireTeacher();
  const { db, publicUrl } = getAppContext();
  const session = await findOwnedSession(db, teacher.id, id);
  if (!session) notFound();
  const joinUrl = `${publicUrl}/join/${session.joinCode}`;
  const qrSvg = await QRCode.toString(joinUrl, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  const studentCount = await db.participant.count({ where: { classSessionId: session.id, removedAt: null } });
  return (
    <div className="flex flex-col items-center gap-8 text-center">
      <h1 className="text-3xl font-bold md:text-5xl">{session.title}</h1>
      <PresentLive
        classId={session.id}
        initialClass={initialClassState(session)}
        initialTotal={studentCount}
        joinLine={
          <p className="text-xl md:text-2xl">
            Join at <span className="font-mono font-semibold">{joinUrl}</span> with the code{" "}
            <span className="font-mono font-black tracking-widest">{session.joinCode}</span>
          </p>
        }
      >
        <div className="grid items-center gap-10 md:grid-cols-2">
          <div>
            <p className="text-xl text-slate-700 md:text-3xl">Join at</p>
            <p className="font-mono text-2xl font-semibold break-all md:text-4xl">{joinUrl}</p>
            <p className="mt-6 text-xl text-slate-700 md:text-3xl">with the code</p>
            <p
              className="font-mono text-[clamp(3rem,8vw,7rem)] leading-none font-black tracking-[0.1em] whitespace-nowrap"
              data-testid="join-code"
            >
              <span className="sr-only">Join code: {session.joinCode.split("").join(" ")}</span>
              <span aria-hidden="true">{session.joinCode}</span>
            </p>
          </div>
          {/* The SVG comes from the qrcode library, rendered from our own URL: no user markup. */}
          <div
            role="img"
            aria-label={`QR code for ${joinUrl}`}
            className="mx-auto w-72 bg-white p-4 md:w-[28rem]"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted SVG generated server-side from our URL
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
        </div>
      </PresentLive>
    </div>
  );
}
