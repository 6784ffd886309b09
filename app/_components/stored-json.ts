import type { z } from "@/lib/zod";

/**
 * One kind of value kept in this browser's localStorage under `prefix + key`, read back through
 * its schema, because anything there may have been edited or left by an older version. Blocked or
 * full storage (private mode) is not an error: `load` answers null and `save` answers false.
 */
export function storedJson<Schema extends z.ZodType>(prefix: string, schema: Schema) {
  return {
    load(key: string): z.output<Schema> | null {
      try {
        const raw = window.localStorage.getItem(prefix + key);
        if (raw === null) return null;
        const parsed = schema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    save(key: string, value: z.output<Schema>): boolean {
      try {
        window.localStorage.setItem(prefix + key, JSON.stringify(value));
        return true;
      } catch {
        return false;
      }
    },
    forget(key: string): void {
      try {
        window.localStorage.removeItem(prefix + key);
      } catch {
        // Storage blocked: nothing was kept either.
      }
    },
  };
}
