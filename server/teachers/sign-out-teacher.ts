import { hashToken } from "../auth/tokens";
import type { PrismaClient } from "../db/client";

export async function signOutTeacher(db: PrismaClient, token: string): Promise<void> {
  await db.teacherSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}
