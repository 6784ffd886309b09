"use server";

import { redirect } from "next/navigation";
import { getAppContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { requireTeacher } from "@/server/http/teacher-auth";
import { startLessonSession } from "@/server/lessons/start-lesson-session";
import { createSession } from "@/server/sessions/create-session";
import { readSettingsForm } from "../_components/settings-form-data";
import { LAUNCH_MODE } from "./launch-mode";

export type NewSessionState = { error?: string; field?: string };

export async function createSessionAction(_previous: NewSessionState, formData: FormData): Promise<NewSessionState> {
  const teacher = await requireTeacher();
  const { db } = getAppContext();
  let sessionId: string;
  try {
    const title = formData.get("title");
    const isApprovalRequired = formData.get("requireApproval") === "on";
    const created =
      formData.get("mode") === LAUNCH_MODE.lesson
        ? await startLessonSession(db, teacher.id, { title, lessonId: formData.get("lessonId"), isApprovalRequired })
        : await createSession(db, teacher.id, {
            title,
            isApprovalRequired,
            settings: {
              ...readSettingsForm(formData),
              requireForwardPassCell: formData.get("requireForwardPassCell") === "on",
              allowPointEdits: formData.get("allowPointEdits") === "on",
            },
          });
    sessionId = created.id;
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, field: error.field };
    throw error;
  }
  redirect(`/teacher/sessions/${sessionId}`);
}
