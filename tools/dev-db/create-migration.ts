/**
 * `npm run db:migration:create -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * for what changed in prisma/schema.prisma since the last migration, like
 * `prisma migrate dev --create-only` (whose native engine cannot be downloaded offline).
 * Needs no running app: it creates and drops temporary databases on the PostgreSQL at
 * DATABASE_URL (default: the local one), or uses in-memory PGlite when none answers.
 * Review the SQL, then `npm run db:migrate` applies it.
 */

import path from "node:path";
import { z } from "zod";
import { storableString } from "@/lib/storable-string";
import { REPO_ROOT } from "../../server/db/migration-files";
import { envSchema, loadDotEnv } from "../../server/env";
import { createMigration } from "./schema-engine";

const USAGE = "usage: npm run db:migration:create -- <name>   (e.g. add_run_index)";
const argsSchema = z.tuple([storableString().regex(/[A-Za-z0-9]/, { error: USAGE })], { error: USAGE });
const cliEnvSchema = envSchema.pick({ DATABASE_URL: true });

async function main(): Promise<void> {
  const args = argsSchema.safeParse(process.argv.slice(2));
  if (!args.success) throw new Error(args.error.issues[0]?.message ?? USAGE);
  loadDotEnv();
  const env = cliEnvSchema.safeParse(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {});
  if (!env.success) throw new Error(`Invalid DATABASE_URL: ${env.error.issues[0]?.message ?? "unparsable"}`);
  const [name] = args.data;
  const result = await createMigration({
    name,
    databaseUrl: env.data.DATABASE_URL,
    log: (message) => console.log(message),
  });
  if ("empty" in result) {
    console.log("schema.prisma matches the migrations: nothing to create.");
    return;
  }
  console.log(`Created ${path.relative(REPO_ROOT, result.path)} — review it, then run npm run db:migrate.`);
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
