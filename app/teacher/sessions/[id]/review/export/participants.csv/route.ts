import { exportParticipantsCsv } from "@/server/review/export-participants-csv";
import { fileSlug, notFoundResponse, PRIVATE_NO_STORE, signedInTeacherContext } from "../../_lib/route-helpers";

export const dynamic = "force-dynamic";

/** GET …/review/export/participants.csv — the participants, one row per student and dataset, as a (formula-safe, UTF-8 BOM) CSV download. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const context = await signedInTeacherContext();
  const file = context && (await exportParticipantsCsv(context.db, context.teacherId, id));
  if (!file) return notFoundResponse();
  return new Response(file.csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileSlug(file.title)}-participants.csv"`,
      ...PRIVATE_NO_STORE,
    },
  });
}
