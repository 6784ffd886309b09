// The engine call sequences behind `migrate dev --create-only` and `migrate diff`, adapted to
// what the wasm build of the engine can do.
import type { CreateMigrationOutput, MigrationList, SchemaEngine, SchemasContainer } from "@prisma/schema-engine-wasm";
import { callEngine, NO_FILTER } from "./engine";

// The engine's exit code for "the diff is not empty" when asked for one.
const DIFF_NOT_EMPTY_EXIT_CODE = 2;

export type MigrationInputs = { migrationsList: MigrationList; schema: SchemasContainer };

/**
 * The next migration's script, or null when the schema already matches the migrations.
 * `engine` must be fresh, on an empty main database: the history is applied to it first.
 *
 * Why this order (the CLI runs devDiagnostic first): the wasm engine's createMigration cannot
 * open a shadow database itself ("PostgreSQL shadow DB must be provided through an external
 * factory"); it only reuses the schema that an earlier command on the same engine computed for
 * the same migrations. devDiagnostic on a database holding every migration computes exactly that
 * (its drift check replays the history on a shadow database).
 */
export async function generateMigration(
  engine: SchemaEngine,
  migrationName: string,
  { migrationsList, schema }: MigrationInputs,
): Promise<CreateMigrationOutput | null> {
  await callEngine("applyMigrations", () => engine.applyMigrations({ migrationsList, filters: NO_FILTER }));
  const diagnostic = await callEngine("devDiagnostic", () =>
    engine.devDiagnostic({ migrationsList, filters: NO_FILTER }),
  );
  if (diagnostic.action.tag === "reset") {
    throw new Error(`The committed migrations do not replay to a consistent state: ${diagnostic.action.reason}`);
  }
  const created = await callEngine("createMigration", () =>
    engine.createMigration({ draft: false, migrationName, migrationsList, schema, filters: NO_FILTER }),
  );
  return created.migrationScript === null ? null : created;
}

/** SQL from "every migration applied" to "the schema"; "" when there is nothing to do. */
export async function diffMigrationsToSchema(
  engine: SchemaEngine,
  { migrationsList, schema }: MigrationInputs,
): Promise<{ isEmpty: boolean; sql: string }> {
  const result = await callEngine("diff", () =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    }),
  );
  const isEmpty = result.exitCode !== DIFF_NOT_EMPTY_EXIT_CODE;
  return { isEmpty, sql: isEmpty ? "" : (result.stdout ?? "") };
}
