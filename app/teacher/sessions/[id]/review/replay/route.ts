import { z } from "@/lib/zod";
import { getReplay } from "@/server/review/get-replay";
import { jsonResponse, notFoundResponse, scopeParams, signedInTeacherContext } from "../_lib/route-helpers";

export const dynamic = "force-dynamic";

/** `at` is an ISO timestamp; absent means the end of the class. */
const replayQuerySchema = z.object({ at: z.iso.datetime({ offset: true }).optional() });

/** GET …/review/replay?at=<ISO time>&dataset=<name>&step=<n> — the class's maps and curves as they were at that moment (runs on that dataset only). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const context = await signedInTeacherContext();
  if (!context) return notFoundResponse();
  const query = replayQuerySchema.safeParse({ at: new URL(request.url).searchParams.get("at") ?? undefined });
  if (!query.success) {
    return new Response("at must be an ISO date-time", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const at = query.data.at ? new Date(query.data.at) : undefined;
  const frame = await getReplay(context.db, context.teacherId, id, at, scopeParams(request));
  return frame ? jsonResponse(frame) : notFoundResponse();
}
