"use server";

import { redirect } from "next/navigation";
import { getAppContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { requireTeacher } from "@/server/http/teacher-auth";
import { createSession } from "@/server/sessions/create-session";
import { readSettingsForm } from "../_components/settings-form-data";

export type NewSessionState = { error?: string; field?: string };

export async function createSessionAction(_previous: NewSessionState, formData: FormData): Promise<NewSessionState> {
  const teacher = await requireTeacher();
  let sessionId: string;
  try {
    const created = await createSession(getAppContext().db, teacher.id, {
      title: formData.get("title"),
      settings: {
        ...readSettingsForm(formData),
        requireForwardPassCell: formData.get("requireForwardPassCell") === "on",
      },
    });
    sessionId = created.id;
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, field: error.field };
    throw error;
  }
  redirect(`/teacher/sessions/${sessionId}`);
}
