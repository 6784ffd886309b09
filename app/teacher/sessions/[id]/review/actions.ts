"use server";

import { redirect } from "next/navigation";
import { getAppContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { requireTeacher } from "@/server/http/teacher-auth";
import { deleteSession } from "@/server/review/delete-session";
import { updateSessionNotes } from "@/server/review/update-session-notes";

export type ReviewFormState = { error?: string; savedAt?: string };

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

/** Saves the notes textarea; the use case validates (zod, length) and checks ownership. */
export async function saveNotesAction(_previous: ReviewFormState, formData: FormData): Promise<ReviewFormState> {
  const teacher = await requireTeacher();
  try {
    await updateSessionNotes(getAppContext().db, teacher.id, {
      sessionId: text(formData, "sessionId"),
      notes: text(formData, "notes"),
    });
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  return { savedAt: new Date().toISOString() };
}

/** Deletes the session after the typed-title confirmation, then goes back to the class list. */
export async function deleteSessionAction(_previous: ReviewFormState, formData: FormData): Promise<ReviewFormState> {
  const teacher = await requireTeacher();
  try {
    await deleteSession(getAppContext().db, teacher.id, {
      sessionId: text(formData, "sessionId"),
      confirmTitle: text(formData, "confirmTitle"),
    });
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  redirect("/teacher");
}
