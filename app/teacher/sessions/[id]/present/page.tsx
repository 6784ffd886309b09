import type { Metadata } from "next";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { getAppContext } from "@/server/context";
import { requireTeacher } from "@/server/http/teacher-auth";
import { getClassSummary } from "@/server/review/get-class-summary";
import { findOwnedSession } from "@/server/sessions/find-owned-session";
import { initialClassState } from "../_lib/initial-class-state";
import { PresentLive } from "./present-live";

export const metadata: Metadata = { title: "Join code" };
export const dynamic = "force-dynamic";

/**
 * The projector view: the code in huge type, the join URL and its QR code, then the live part
 * (student count, spotlit student) over the teacher's socket; once the class has ended, a short
 * summary instead. Every view is sized in viewport units to fit 1280 × 720 and 1920 × 1080
 * without scrolling (test/e2e/projector.spec.ts measures it).
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
  const summary = await getClassSummary(db, teacher.id, session.id);
  return (
    // Over the whole window, above the site's header: a projector shows this page and nothing else.
    <div
      className="fixed inset-0 z-20 flex flex-col items-center gap-[1.5vh] overflow-auto bg-slate-50 px-[3vw] py-[2vh] text-center"
      data-testid="projector"
    >
      <h1 className="text-[clamp(1.5rem,5vh,3.5rem)] leading-tight font-bold">{session.title}</h1>
      <PresentLive
        classId={session.id}
        initialClass={initialClassState(session)}
        initialTotal={studentCount}
        summary={summary}
        joinLine={
          <p className="text-[clamp(1rem,2.8vh,2rem)]" data-testid="join-line">
            Join at <span className="font-mono font-semibold">{joinUrl}</span> with the code{" "}
            <span className="font-mono font-black tracking-widest">{session.joinCode}</span>
          </p>
        }
      >
        <div className="grid w-full items-center gap-[4vw] md:grid-cols-2" data-testid="join-view">
          <div className="min-w-0">
            <p className="text-[clamp(1.25rem,4vh,3rem)] text-slate-700">Join at</p>
            {/* A line may break inside a long address, never inside the code. */}
            <p className="font-mono text-[clamp(1.25rem,4.5vh,3.25rem)] font-semibold">
              <span className="break-all">{publicUrl}</span>
              <wbr />
              <span className="whitespace-nowrap">/join/{session.joinCode}</span>
            </p>
            <p className="mt-[3vh] text-[clamp(1.25rem,4vh,3rem)] text-slate-700">with the code</p>
            <p
              className="font-mono text-[min(8vw,16vh)] leading-none font-black tracking-[0.1em] whitespace-nowrap"
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
            className="mx-auto aspect-square w-[min(40vw,58vh)] bg-white p-[1.5vh]"
            data-testid="join-qr"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted SVG generated server-side from our URL
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
        </div>
      </PresentLive>
    </div>
  );
}
