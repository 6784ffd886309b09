import { exportSessionJson } from "@/server/review/export-session-json";
import { findOwnedSession } from "@/server/sessions/find-owned-session";
import { fileSlug, notFoundResponse, PRIVATE_NO_STORE, signedInTeacherContext } from "../../_lib/route-helpers";

export const dynamic = "force-dynamic";

/**
 * GET …/review/export/session.json — the whole session (settings, notes, participants, cells,
 * runs with curves, maps, weights and snapshots), streamed: a 300-student class is tens of MB.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const context = await signedInTeacherContext();
  const session = context && (await findOwnedSession(context.db, context.teacherId, id));
  const chunks = context && session && (await exportSessionJson(context.db, context.teacherId, session.id));
  if (!session || !chunks) return notFoundResponse();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        // A failed page mid-stream cannot become a 500 any more: cut the download short instead.
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${fileSlug(session.title)}-session.json"`,
      ...PRIVATE_NO_STORE,
    },
  });
}
