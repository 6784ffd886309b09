import { exportParticipantsCsv } from "@/server/review/export-participants-csv";
import { getSessionReview } from "@/server/review/get-session-review";
import { fileSlug, notFoundResponse, PRIVATE_NO_STORE, signedInTeacherContext } from "../../_lib/route-helpers";

export const dynamic = "force-dynamic";

/** GET …/review/export/participants.csv — the participants table as a (formula-safe) CSV download. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const context = await signedInTeacherContext();
  const review = context && (await getSessionReview(context.db, context.teacherId, id));
  if (!review) return notFoundResponse();
  return new Response(exportParticipantsCsv(review.participants), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileSlug(review.session.title)}-participants.csv"`,
      ...PRIVATE_NO_STORE,
    },
  });
}
