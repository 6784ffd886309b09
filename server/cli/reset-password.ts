/**
 * `npm run teacher:reset-password -- <email>`: there is no mail server, so an operator resets a
 * teacher's password here. The new password is read from stdin when piped
 * (`echo 'new passphrase' | npm run teacher:reset-password -- ada@school.example`), otherwise a
 * random one is generated and printed for the operator to pass on. The teacher is signed out
 * everywhere. With the embedded database, stop the server first: only one process can open it.
 */
import { randomBytes } from "node:crypto";
import { text } from "node:stream/consumers";
import { z } from "zod";
import { AppError } from "../errors";
import { resetTeacherPassword } from "../teachers/reset-teacher-password";
import { withCliDatabase } from "./with-cli-database";

const USAGE = "usage: npm run teacher:reset-password -- <email>";
const argsSchema = z.tuple([z.email({ error: USAGE })], { error: USAGE });

async function main(): Promise<void> {
  const args = argsSchema.safeParse(process.argv.slice(2));
  if (!args.success) throw new AppError("INVALID_INPUT", args.error.issues[0]?.message ?? "bad arguments");
  const [email] = args.data;
  const isPiped = !process.stdin.isTTY;
  const password = isPiped ? (await text(process.stdin)).replace(/\r?\n$/, "") : randomBytes(12).toString("base64url");
  await withCliDatabase((db) => resetTeacherPassword(db, { email: email.toLowerCase(), password }));
  console.log(`Password reset for ${email}; their sessions were signed out.`);
  if (!isPiped) console.log(`New password: ${password}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? `Error: ${error.message}` : error);
  process.exit(1);
});
