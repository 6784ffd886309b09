import type { PrismaClient } from "../db/client";
import { hashToken } from "../auth/tokens";

export async function signOutTeacher(db: PrismaClient, token: string): Promise<void> {
  await db.teacherSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}
