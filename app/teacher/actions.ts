"use server";

import { redirect } from "next/navigation";
import { getAppContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { clearTeacherCookie, clientIp, readTeacherCookie, setTeacherCookie } from "@/server/http/teacher-auth";
import { signInTeacher } from "@/server/teachers/sign-in-teacher";
import { signOutTeacher } from "@/server/teachers/sign-out-teacher";
import { signUpTeacher } from "@/server/teachers/sign-up-teacher";
import { startTeacherSession } from "@/server/teachers/start-teacher-session";

export type FormState = {
  error?: string;
  field?: string;
  values?: Record<string, string>;
};

/** FormData → plain strings; a missing field stays missing so zod names it. */
function readForm(formData: FormData, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

function failure(error: unknown, values: Record<string, string>): FormState {
  const { password: _password, ...safeValues } = values;
  if (error instanceof AppError) return { error: error.message, field: error.field, values: safeValues };
  throw error;
}

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = readForm(formData, ["name", "email", "password"]);
  const { db, env } = getAppContext();
  try {
    const { teacherId } = await signUpTeacher(db, values, { ip: await clientIp(), env });
    const session = await startTeacherSession(db, teacherId, env.TEACHER_SESSION_DAYS);
    await setTeacherCookie(session.token, session.expiresAt);
  } catch (error) {
    return failure(error, values);
  }
  redirect("/teacher");
}

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = readForm(formData, ["email", "password"]);
  const { db, env } = getAppContext();
  try {
    const session = await signInTeacher(db, { input: values, ip: await clientIp(), env });
    await setTeacherCookie(session.token, session.expiresAt);
  } catch (error) {
    return failure(error, values);
  }
  redirect("/teacher");
}

export async function signOutAction(): Promise<void> {
  const token = await readTeacherCookie();
  if (token) await signOutTeacher(getAppContext().db, token);
  await clearTeacherCookie();
  redirect("/teacher/sign-in");
}
