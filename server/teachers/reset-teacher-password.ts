import { hashPassword } from "../auth/password";
import type { PrismaClient } from "../db/client";
import { AppError } from "../errors";
import { signUpSchema } from "./schemas";

const resetSchema = signUpSchema.pick({ email: true, password: true });

/** Sets a new password and signs the teacher out everywhere (their old sessions may be someone else's). */
export async function resetTeacherPassword(
  db: PrismaClient,
  input: { email: string; password: string },
): Promise<void> {
  const parsed = resetSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Invalid input");
  const teacher = await db.teacher.findUnique({ where: { email: parsed.data.email }, select: { id: true } });
  if (!teacher) throw new AppError("NOT_FOUND", `No teacher with email ${parsed.data.email}`);
  const passwordHash = await hashPassword(parsed.data.password);
  await db.$transaction([
    db.teacher.update({ where: { id: teacher.id }, data: { passwordHash } }),
    db.teacherSession.deleteMany({ where: { teacherId: teacher.id } }),
  ]);
}
