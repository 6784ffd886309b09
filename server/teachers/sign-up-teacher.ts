import { hashPassword } from "../auth/password";
import type { PrismaClient } from "../db/client";
import { AppError } from "../errors";
import { signUpSchema } from "./schemas";

export type SignUpTeacherResult = { teacherId: string };

/** Creates a teacher account. Throws AppError INVALID_INPUT or EMAIL_TAKEN; writes nothing then. */
export async function signUpTeacher(db: PrismaClient, input: unknown): Promise<SignUpTeacherResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_INPUT", issue?.message ?? "Invalid sign-up", String(issue?.path[0] ?? ""));
  }
  const { name, email, password } = parsed.data;
  if (await db.teacher.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.", "email");
  }
  const passwordHash = await hashPassword(password);
  try {
    const teacher = await db.teacher.create({ data: { name, email, passwordHash }, select: { id: true } });
    return { teacherId: teacher.id };
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides.
    if (isUniqueViolation(error)) {
      throw new AppError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.", "email");
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
