// The two boundaries the folders promise but nothing else enforces:
// - client code (every "use client" module and all it imports) never reaches server/: the
//   linter cannot follow imports, and `server-only` throws under the custom tsx server;
// - the runtime tree never reaches development tooling, and package.json's `dependencies` lists
//   exactly what the running server, the pages and `npm start`'s first-run build need.
import { existsSync } from "node:fs";
import path from "node:path";
import { directiveOf, relativeTo, sourceFilesUnder, walkImports } from "./import-graph";

/** Folders whose code runs in production (served, imported by the server or the pages). */
export const RUNTIME_DIRS = ["app", "lib", "server"];
/** Root files that `next build`, `npm start` or `npm install` load. */
export const RUNTIME_FILES = ["next.config.js", "postcss.config.mjs", "prisma.config.ts", "prisma/generate.mjs"];
/** Development only: nothing in the runtime tree may import from here. */
export const TOOLING_DIRS = ["tools", "test"];

/**
 * Dependencies no runtime file imports, each with why a production install still needs it.
 * `npm start` builds on first run, so what the build needs is a runtime dependency too.
 */
export const BUILD_TOOLS: Record<string, string> = {
  tsx: "`npm start` runs the TypeScript server with `node --import tsx`",
  prisma: "postinstall (prisma/generate.mjs) generates the Prisma client the server imports",
  "@tailwindcss/postcss": "postcss.config.mjs names it as the plugin `next build` runs",
  esbuild: "`next build` bundles the sandbox's cell runner with it",
  "react-dom": "next renders the pages with it (a peer dependency of next)",
  // next build's TypeScript set-up requires these even with typescript.ignoreBuildErrors, and
  // otherwise runs `npm install` for them itself (node_modules/next/dist/lib/verify-typescript-setup.js).
  typescript: "`next build` refuses a TypeScript app without it",
  "@types/react": "`next build` refuses a TypeScript app without it",
  "@types/node": "`next build` refuses a TypeScript app without it",
};

export type PackageJson = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

function underAny(root: string, file: string, dirs: string[]): boolean {
  const relative = relativeTo(root, file);
  return dirs.some((dir) => relative === dir || relative.startsWith(`${dir}/`));
}

function chainText(root: string, chain: string[]): string {
  return chain.map((file) => relativeTo(root, file)).join(" → ");
}

function runtimeEntries(root: string): string[] {
  const files = RUNTIME_DIRS.flatMap((dir) => sourceFilesUnder(path.join(root, dir)));
  const rootFiles = RUNTIME_FILES.map((file) => path.join(root, file)).filter((file) => existsSync(file));
  return [...files, ...rootFiles];
}

/** Every "use client" module's import graph stays out of server/ ("use server" actions excepted). */
export function checkClientBoundary(root: string): string[] {
  const entries = ["app", "lib"]
    .flatMap((dir) => sourceFilesUnder(path.join(root, dir)))
    .filter((file) => directiveOf(file) === "use client");
  // A client module may call a server action: Next sends a reference, not the action's module.
  const isServerAction = (file: string) => directiveOf(file) === "use server";
  // Type-only imports ship nothing, but client code leaning on server types is the same coupling.
  // Stop at the first server file of each chain: one message per crossing, not per file behind it.
  const isServer = (file: string) => underAny(root, file, ["server"]);
  const { chains } = walkImports(root, entries, {
    followTypeOnly: true,
    stopAt: (file) => isServerAction(file) || isServer(file),
  });
  const problems: string[] = [];
  for (const [file, chain] of chains) {
    if (isServer(file) && !isServerAction(file)) {
      problems.push(`client code reaches server/: ${chainText(root, chain)}`);
    }
  }
  return problems;
}

/** The runtime tree imports no tooling, and `dependencies` is exactly what it (and its build) needs. */
export function checkRuntimeDependencies(
  root: string,
  packageJson: PackageJson,
  buildTools: Record<string, string> = BUILD_TOOLS,
): string[] {
  const dependencies = new Set(Object.keys(packageJson.dependencies ?? {}));
  const { chains, edges } = walkImports(root, runtimeEntries(root));
  const problems: string[] = [];
  const imported = new Map<string, string>();
  for (const [file, chain] of chains) {
    if (underAny(root, file, TOOLING_DIRS)) problems.push(`runtime code reaches tooling: ${chainText(root, chain)}`);
  }
  for (const [file, fileEdges] of edges) {
    if (underAny(root, file, TOOLING_DIRS)) continue;
    for (const edge of fileEdges) {
      if (edge.target.kind !== "package" || edge.typeOnly) continue;
      if (!imported.has(edge.target.name)) imported.set(edge.target.name, relativeTo(root, file));
    }
  }
  for (const [name, file] of imported) {
    if (!dependencies.has(name)) problems.push(`${file} imports ${name}, which is not in dependencies`);
  }
  for (const name of dependencies) {
    if (!imported.has(name) && !(name in buildTools)) {
      problems.push(`dependency ${name} is imported by no runtime file: move it to devDependencies`);
    }
  }
  for (const [name, why] of Object.entries(buildTools)) {
    if (!dependencies.has(name)) problems.push(`build tool ${name} must be in dependencies: ${why}`);
  }
  return problems;
}
