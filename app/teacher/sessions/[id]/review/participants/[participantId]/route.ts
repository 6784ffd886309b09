import { getParticipantReview } from "@/server/review/get-participant-review";
import { jsonResponse, notFoundResponse, signedInTeacherContext } from "../../_lib/route-helpers";

export const dynamic = "force-dynamic";

/** GET …/review/participants/[participantId] — one student's runs (curves, final maps) and cells, on demand. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; participantId: string }> },
): Promise<Response> {
  const { id, participantId } = await params;
  const context = await signedInTeacherContext();
  const detail = context && (await getParticipantReview(context.db, context.teacherId, id, participantId));
  return detail ? jsonResponse(detail) : notFoundResponse();
}
