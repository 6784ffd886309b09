import { openDatabase } from "../boot/open-database";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { loadDotEnv, loadEnv } from "../env";

/** Opens the same database the server would (migrated), runs `work`, and closes it again. */
export async function withCliDatabase<T>(work: (db: PrismaClient) => Promise<T>): Promise<T> {
  loadDotEnv();
  const env = loadEnv();
  const database = await openDatabase(env, () => {});
  const db = createPrismaClient(database.url);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
    await database.close();
  }
}
