"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getAppContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { requireTeacher } from "@/server/http/teacher-auth";
import { copyLesson } from "@/server/lessons/copy-lesson";
import { createLesson } from "@/server/lessons/create-lesson";
import { deleteLesson } from "@/server/lessons/delete-lesson";
import { saveLesson } from "@/server/lessons/save-lesson";
import { readLessonForm } from "./_lib/read-lesson-form";

/** What a lesson form shows after its action: an error (and the field it names) or when it saved. */
export type LessonFormState = { error?: string; field?: string; savedAt?: string };

const idOf = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Copies a lesson (built-in or own) and opens the copy in the editor. */
export async function copyLessonAction(_previous: LessonFormState, formData: FormData): Promise<LessonFormState> {
  const teacher = await requireTeacher();
  let id: string;
  try {
    ({ id } = await copyLesson(getAppContext().db, teacher.id, idOf(formData, "lessonId")));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  redirect(`/teacher/lessons/${id}/edit`);
}

/** Creates a blank lesson and opens it in the editor. */
export async function createLessonAction(_previous: LessonFormState): Promise<LessonFormState> {
  const teacher = await requireTeacher();
  let id: string;
  try {
    ({ id } = await createLesson(getAppContext().db, teacher.id));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  redirect(`/teacher/lessons/${id}/edit`);
}

/** Saves the editor's form over the teacher's own lesson `lessonId` (bound by the editor). */
export async function saveLessonAction(
  lessonId: string,
  _previous: LessonFormState,
  formData: FormData,
): Promise<LessonFormState> {
  const teacher = await requireTeacher();
  try {
    await saveLesson(getAppContext().db, teacher.id, String(lessonId), readLessonForm(formData));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, field: error.field };
    throw error;
  }
  revalidatePath("/teacher/lessons");
  return { savedAt: new Date().toISOString() };
}

/** Deletes the teacher's own lesson; sessions launched from it keep their copy. */
export async function deleteLessonAction(_previous: LessonFormState, formData: FormData): Promise<LessonFormState> {
  const teacher = await requireTeacher();
  try {
    await deleteLesson(getAppContext().db, teacher.id, idOf(formData, "lessonId"));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  redirect("/teacher/lessons");
}
