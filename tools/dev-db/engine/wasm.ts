// Loads Prisma's WebAssembly schema engine on Node 20, which cannot `import` a .wasm file: the
// package's entry point does exactly that, so we import the JS glue and instantiate the bytes.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

type PanicRegistry = { set_message(message: string): void };

declare global {
  // The glue reports Rust panics through this global; without it a panic surfaces as
  // "Cannot read properties of undefined (reading 'set_message')" and hides the real message.
  var PRISMA_WASM_PANIC_REGISTRY: PanicRegistry | undefined;
}

const GLUE_MODULE = "@prisma/schema-engine-wasm/schema_engine_bg";
const WASM_FILE = "schema_engine_bg.wasm";

let lastPanicMessage: string | undefined;
let gluePromise: Promise<Glue> | undefined;

/**
 * The engine races its work against timers (e.g. a 10 s advisory-lock timeout) and never clears
 * them, so a finished CLI would linger until they fire: unref them so they cannot keep Node up.
 */
function withUnrefTimers(imports: WebAssembly.ModuleImports): WebAssembly.ModuleImports {
  const patched: WebAssembly.ModuleImports = { ...imports };
  for (const [name, value] of Object.entries(imports)) {
    if (!name.startsWith("__wbg_setTimeout_") || typeof value !== "function") continue;
    patched[name] = (callback: () => void, delayMs: number) => {
      const timer = setTimeout(callback, delayMs >>> 0);
      timer.unref();
      return timer;
    };
  }
  return patched;
}

async function instantiate(): Promise<Glue> {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message) {
      lastPanicMessage = message;
    },
  };
  const glue = (await import(GLUE_MODULE)) as Glue;
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve(GLUE_MODULE)), WASM_FILE);
  const bytes = await readFile(wasmPath);
  // The wasm imports every `__wbg_*` function of the glue under the glue's own file name.
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": withUnrefTimers(glue as unknown as WebAssembly.ModuleImports),
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

/**
 * The engine's module, compiled once per process (~0.5 s): the glue keeps its instance in a
 * module-level variable, so there can be only one anyway. Engines made from it are cheap.
 */
export function loadSchemaEngineModule(): Promise<Glue> {
  gluePromise ??= instantiate().catch((error: unknown) => {
    gluePromise = undefined;
    throw error;
  });
  return gluePromise;
}

/** The message of the most recent Rust panic, to attach to the JS error it caused. */
export function takePanicMessage(): string | undefined {
  const message = lastPanicMessage;
  lastPanicMessage = undefined;
  return message;
}

export type { SchemaEngine };
