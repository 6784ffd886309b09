import { getParticipantReview } from "@/server/review/get-participant-review";
import { jsonResponse, notFoundResponse, scopeParams, signedInTeacherContext } from "../../_lib/route-helpers";

export const dynamic = "force-dynamic";

/** GET …/review/participants/[participantId]?dataset=<name>&step=<n> — one student's runs (curves, final maps) and cells, on demand. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string; participantId: string }> },
): Promise<Response> {
  const { id, participantId } = await params;
  const context = await signedInTeacherContext();
  const detail =
    context && (await getParticipantReview(context.db, context.teacherId, id, participantId, scopeParams(request)));
  return detail ? jsonResponse(detail) : notFoundResponse();
}
