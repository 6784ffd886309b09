import path from "node:path";
import type * as Esbuild from "esbuild";

/** The core's entry point, relative to the app's root (the server runs from there). */
const NN_ENTRY = "lib/ml/nn/index.ts";

let bundle: Promise<string> | null = null;

/**
 * lib/ml/nn as one classic script defining `var nn`, for the sandbox worker (which may load no
 * other script). Built once per process with esbuild from the source, so it is always the core
 * the pages use. esbuild is loaded with Node's own `require`, outside Next's bundler, which would
 * otherwise try to bundle its native binary.
 *
 * @param root the app's root folder; default the working directory (where `npm start` runs).
 */
export function nnBundle(root: string = process.cwd()): Promise<string> {
  bundle ??= build(root).catch((error: unknown) => {
    bundle = null;
    throw error;
  });
  return bundle;
}

async function build(root: string): Promise<string> {
  const { createRequire } = process.getBuiltinModule("node:module");
  const esbuild = createRequire(path.join(root, "package.json"))("esbuild") as typeof Esbuild;
  const result = await esbuild.build({
    entryPoints: [path.join(root, NN_ENTRY)],
    bundle: true,
    format: "iife",
    globalName: "nn",
    platform: "neutral",
    target: "es2020",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const text = result.outputFiles[0]?.text;
  if (!text) throw new Error("esbuild produced no output for the sandbox's copy of lib/ml/nn");
  return text;
}
