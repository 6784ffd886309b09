import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { TEACHER_COOKIE } from "../auth/teacher-cookie";
import { getAppContext } from "../context";
import { findTeacherBySession, type SignedInTeacher } from "../teachers/find-teacher-by-session";
import { CLIENT_IP_HEADER, CLIENT_PROTO_HEADER } from "./client-address";

export { TEACHER_COOKIE };

export async function getSignedInTeacher(): Promise<SignedInTeacher | null> {
  const token = (await cookies()).get(TEACHER_COOKIE)?.value;
  return findTeacherBySession(getAppContext().db, token);
}

/** For every teacher page but sign-in/up: a signed-out visitor goes to sign-in. */
export async function requireTeacher(): Promise<SignedInTeacher> {
  const teacher = await getSignedInTeacher();
  if (!teacher) redirect("/teacher/sign-in");
  return teacher;
}

export async function setTeacherCookie(token: string, expiresAt: Date): Promise<void> {
  const isHttps = (await headers()).get(CLIENT_PROTO_HEADER) === "https";
  (await cookies()).set(TEACHER_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps,
    path: "/",
    expires: expiresAt,
  });
}

export async function readTeacherCookie(): Promise<string | undefined> {
  return (await cookies()).get(TEACHER_COOKIE)?.value;
}

export async function clearTeacherCookie(): Promise<void> {
  (await cookies()).delete(TEACHER_COOKIE);
}

export async function clientIp(): Promise<string> {
  return (await headers()).get(CLIENT_IP_HEADER) ?? "unknown";
}
