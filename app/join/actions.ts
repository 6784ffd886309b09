"use server";

import { z } from "zod";
import { getAppContext } from "@/server/context";

export type JoinFormState = {
  error?: string;
  field?: "code" | "nickname";
  values?: { code?: string; nickname?: string };
};

// Replaced by lib/classroom's join-code and nickname rules when the live class lands.
const joinSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, "").toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{6}$/, { error: "A join code has 6 letters and digits" })),
  nickname: z.string().trim().min(1, { error: "Choose a nickname" }).max(24, { error: "At most 24 characters" }),
});

export async function joinClassAction(_previous: JoinFormState, formData: FormData): Promise<JoinFormState> {
  const values = { code: String(formData.get("code") ?? ""), nickname: String(formData.get("nickname") ?? "") };
  const parsed = joinSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: issue?.message, field: issue?.path[0] === "nickname" ? "nickname" : "code", values };
  }
  const session = await getAppContext().db.classSession.findUnique({
    where: { joinCode: parsed.data.code },
    select: { status: true },
  });
  if (!session || session.status === "ENDED") {
    return { error: `No live class uses the code ${parsed.data.code}. Check the code on the projector.`, field: "code", values };
  }
  return { error: "This class exists, but joining is not open yet.", values };
}
