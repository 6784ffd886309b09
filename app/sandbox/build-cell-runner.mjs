// Bundles app/sandbox/cell-runner.worker.ts (with lib/ml/nn) into the one classic script the
// sandbox worker may load, public/sandbox/cell-runner.js, served at /sandbox/cell-runner.js under
// the sandbox CSP. next.config.js runs it whenever `next build` or `next dev` starts (so also on
// `npm start`'s first-run build); the running server never loads esbuild. Plain JS because
// next.config.js imports it; its types are in build-cell-runner.d.mts.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** Where the worker's source lives and where its bundle goes, relative to the app's root. */
export const CELL_RUNNER_ENTRY = "app/sandbox/cell-runner.worker.ts";
export const CELL_RUNNER_OUTPUT = "public/sandbox/cell-runner.js";

/** The bundled worker script's text. */
export async function bundleCellRunner(root) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, CELL_RUNNER_ENTRY)],
    tsconfig: path.join(root, "tsconfig.json"),
    bundle: true,
    // An IIFE with no global name: nothing of the runner or of nn is reachable from student code.
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const text = result.outputFiles[0]?.text;
  if (!text) throw new Error(`esbuild produced no output for ${CELL_RUNNER_ENTRY}`);
  return text;
}

/** Writes the bundle to public/sandbox/cell-runner.js (atomically: build workers may race). */
export async function writeCellRunner(root) {
  const output = path.join(root, CELL_RUNNER_OUTPUT);
  await mkdir(path.dirname(output), { recursive: true });
  const temporary = `${output}.${process.pid}.tmp`;
  await writeFile(temporary, await bundleCellRunner(root), "utf8");
  await rename(temporary, output);
  return output;
}
