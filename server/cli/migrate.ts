/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded PGlite in
 * DATA_DIR when DATABASE_URL is unset — the same database, opened the same way, as the server's
 * (which also migrates at start-up; this is for deploy scripts). With the embedded database, stop
 * the server first: only one process can open its folder.
 */
import { openDatabase, redactDatabaseUrl } from "../boot/open-database";
import { EnvError, loadDotEnv, loadEnv } from "../env";

async function main(): Promise<void> {
  loadDotEnv();
  const env = loadEnv();
  const database = await openDatabase(env, (message) => console.log(message));
  console.log(`Migrated ${database.kind === "embedded" ? "the embedded database" : redactDatabaseUrl(database.url)}`);
  await database.close();
}

main().catch((error: unknown) => {
  console.error(
    error instanceof EnvError ? error.message : `Error: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
