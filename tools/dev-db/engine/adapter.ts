// A driver-adapter factory that lets Prisma's wasm schema engine run through `@prisma/adapter-pg`,
// patched for the three places where adapter-pg 7.10 and the engine disagree (see each fix).
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import type { TemporaryDatabase } from "../temp-database";

export type EngineAdapterOptions = {
  /** The engine's "main" database. */
  url: string;
  /** Makes a brand-new empty database each time the engine asks for a shadow database. */
  createShadowDatabase: () => Promise<TemporaryDatabase>;
};

// Postgres' internal one-byte `"char"` type, used by pg_catalog columns the engine reads
// (pg_constraint.contype, pg_class.relkind...). adapter-pg has no mapping for it and throws.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type FieldLike = { dataTypeID: number };
type ResultLike = { fields?: FieldLike[]; rows?: unknown[] };

// Rows arrays of results that had `"char"` columns -> those columns' indexes. adapter-pg hands
// the very same rows array back in its result set, which lets us find them again race-free.
const charColumnsByRows = new WeakMap<object, number[]>();

function relabelCharColumns(result: ResultLike): void {
  const indexes: number[] = [];
  result.fields?.forEach((field, index) => {
    if (field.dataTypeID !== PG_CHAR_OID) return;
    field.dataTypeID = PG_TEXT_OID;
    indexes.push(index);
  });
  if (indexes.length > 0 && result.rows) charColumnsByRows.set(result.rows, indexes);
}

type QueryFn = (...args: unknown[]) => unknown;

/** Wraps `client.query` so `"char"` columns reach adapter-pg labelled as text. */
function patchClient(client: pg.Client): void {
  const original = client.query.bind(client) as QueryFn;
  const patched: QueryFn = (...args) => {
    const last = args.at(-1);
    if (typeof last !== "function") {
      const pending = original(...args);
      if (!(pending instanceof Promise)) return pending; // a Submittable: not used by adapter-pg
      return pending.then((result: ResultLike | ResultLike[]) => {
        for (const one of [result].flat()) relabelCharColumns(one);
        return result;
      });
    }
    const callback = last as (error: unknown, result?: ResultLike | ResultLike[]) => void;
    return original(...args.slice(0, -1), (error: unknown, result?: ResultLike | ResultLike[]) => {
      if (result) for (const one of [result].flat()) relabelCharColumns(one);
      callback(error, result);
    });
  };
  client.query = patched as typeof client.query;
}

function toDriverError(error: unknown): DriverAdapterError {
  const pgError = error as Partial<pg.DatabaseError> & { message?: string };
  return new DriverAdapterError({
    kind: "postgres",
    code: pgError.code ?? "N/A",
    severity: pgError.severity ?? "N/A",
    message: pgError.message ?? String(error),
    detail: pgError.detail,
    column: pgError.column,
    hint: pgError.hint,
  });
}

async function connectPatched(url: string): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString: url });
  pool.on("connect", patchClient);
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();

  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query: SqlQuery): Promise<SqlResultSet> => {
    const result = await queryRaw(query);
    // The engine decodes these columns as single characters, not as text.
    for (const index of charColumnsByRows.get(result.rows) ?? []) {
      result.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return result;
  };

  // adapter-pg splits scripts on every `;`, which cuts `$$ ... $$` bodies and string literals:
  // send the whole script as one simple-protocol query (Postgres runs it as one transaction).
  adapter.executeScript = async (script: string): Promise<void> => {
    try {
      await pool.query(script);
    } catch (error) {
      throw toDriverError(error);
    }
  };
  return adapter;
}

export type EngineAdapterFactory = {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Disposes whatever the engine left open: it does not always dispose its adapters. */
  disposeAll(): Promise<void>;
};

/**
 * adapter-pg's own `connectToShadowDb` ignores the database name when given a connection string
 * (so it would "shadow" into the main database) and drops the shadow while its pool still holds
 * connections: we bring our own throwaway database instead.
 */
export function createEngineAdapterFactory(options: EngineAdapterOptions): EngineAdapterFactory {
  const open = new Set<SqlDriverAdapter>();

  async function connect(url: string, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const adapter = await connectPatched(url);
    const dispose = adapter.dispose.bind(adapter);
    let disposing: Promise<void> | undefined;
    adapter.dispose = () => {
      open.delete(adapter);
      disposing ??= dispose().then(onDispose);
      return disposing;
    };
    open.add(adapter);
    return adapter;
  }

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connect(options.url),
    async connectToShadowDb() {
      const shadow = await options.createShadowDatabase();
      try {
        return await connect(shadow.url, () => shadow.drop());
      } catch (error) {
        await shadow.drop();
        throw error;
      }
    },
  };
  const disposeAll = async () => {
    await Promise.all([...open].map((adapter) => adapter.dispose()));
  };
  return { factory, disposeAll };
}
