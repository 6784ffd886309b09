// The repository's import graph as the bundlers and Node see it, read with TypeScript's parser
// (a regex would miss multi-line imports and match commented-out ones). Development only: the
// boundary checks in tools/boundaries/ walk it; nothing at run time does.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import ts from "typescript";

/** One import found in a file: where it points and whether it survives compilation. */
export type ImportEdge = {
  specifier: string;
  /** `import type` / `export type`: erased by the compiler, so it ships nothing. */
  typeOnly: boolean;
  target:
    | { kind: "file"; file: string }
    | { kind: "package"; name: string }
    | { kind: "builtin" }
    | { kind: "unresolved" };
};

// The order in which the bundlers and tsx try extensions for an extensionless specifier.
const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs", ".jsx", ".cjs"];
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|css)$/;
const CSS_IMPORT = /@import\s+(?:url\()?["']([^"']+)["']/g;
/** The tsconfig `paths` alias `@/*` → the repository root. */
const ROOT_ALIAS = "@/";

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

function resolveFile(base: string): string | null {
  if (isFile(base)) return base;
  // A ".js" specifier may name a ".ts" source (TypeScript's ESM convention).
  const stem = base.replace(/\.(m|c)?js$/, "");
  for (const extension of SOURCE_EXTENSIONS) {
    if (isFile(stem + extension)) return stem + extension;
  }
  for (const extension of SOURCE_EXTENSIONS) {
    const index = path.join(base, `index${extension}`);
    if (isFile(index)) return index;
  }
  return null;
}

function resolve(root: string, fromFile: string, specifier: string): ImportEdge["target"] {
  if (specifier.startsWith(".") || specifier.startsWith(ROOT_ALIAS)) {
    const base = specifier.startsWith(ROOT_ALIAS)
      ? path.join(root, specifier.slice(ROOT_ALIAS.length))
      : path.resolve(path.dirname(fromFile), specifier);
    const file = resolveFile(base);
    return file ? { kind: "file", file } : { kind: "unresolved" };
  }
  if (isBuiltin(specifier)) return { kind: "builtin" };
  return { kind: "package", name: packageNameOf(specifier) };
}

function isImportMetaUrl(node: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === "url" &&
    ts.isMetaProperty(node.expression) &&
    node.expression.keywordToken === ts.SyntaxKind.ImportKeyword
  );
}

/** Every module specifier in a TS/JS source, with its type-only flag. */
function specifiersOf(sourceFile: ts.SourceFile): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if ((isDynamicImport || isRequire) && first && ts.isStringLiteralLike(first)) {
        found.push({ specifier: first.text, typeOnly: false });
      }
    } else if (ts.isNewExpression(node)) {
      // `new Worker(new URL("./x.worker.ts", import.meta.url))`: the bundlers follow it as an entry.
      const [first, second] = node.arguments ?? [];
      const isUrl = ts.isIdentifier(node.expression) && node.expression.text === "URL";
      if (isUrl && first && second && ts.isStringLiteralLike(first) && isImportMetaUrl(second)) {
        found.push({ specifier: first.text, typeOnly: false });
      }
    } else if (ts.isImportTypeNode(node)) {
      // `typeof import("x")`: a type, erased like `import type`.
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) {
        found.push({ specifier: argument.literal.text, typeOnly: true });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

// Both checks walk much of the same tree: parse each file once per process.
const parsed = new Map<string, ts.SourceFile>();

function parse(file: string): ts.SourceFile {
  let sourceFile = parsed.get(file);
  if (!sourceFile) {
    sourceFile = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
    parsed.set(file, sourceFile);
  }
  return sourceFile;
}

/** The imports of one file (TS/JS by their syntax, CSS by its `@import`s). */
export function importsOf(root: string, file: string): ImportEdge[] {
  const specifiers = file.endsWith(".css")
    ? [...readFileSync(file, "utf8").matchAll(CSS_IMPORT)].map((match) => ({
        specifier: match[1] ?? "",
        typeOnly: false,
      }))
    : specifiersOf(parse(file));
  return specifiers.map(({ specifier, typeOnly }) => ({ specifier, typeOnly, target: resolve(root, file, specifier) }));
}

/** The directive a module opens with ("use client", "use server"), if any. */
export function directiveOf(file: string): string | null {
  if (!/\.[cm]?[jt]sx?$/.test(file)) return null;
  const first = parse(file).statements[0];
  if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)) return first.expression.text;
  return null;
}

export type WalkOptions = {
  /** Follow `import type` edges too (default false: they ship nothing). */
  followTypeOnly?: boolean;
  /** Files reached but not walked into, e.g. "use server" modules seen from the client. */
  stopAt?: (file: string) => boolean;
};

/** Every file reached from `entries`, each with the chain of files that first led to it. */
export function walkImports(root: string, entries: string[], options: WalkOptions = {}) {
  const chains = new Map<string, string[]>();
  const edges = new Map<string, ImportEdge[]>();
  const queue: string[] = [];
  for (const entry of entries) {
    if (chains.has(entry)) continue;
    chains.set(entry, [entry]);
    queue.push(entry);
  }
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const from = next;
    if (options.stopAt?.(from) && !entries.includes(from)) continue;
    const fileEdges = importsOf(root, from);
    edges.set(from, fileEdges);
    for (const edge of fileEdges) {
      if (edge.target.kind !== "file" || (edge.typeOnly && !options.followTypeOnly)) continue;
      if (chains.has(edge.target.file)) continue;
      chains.set(edge.target.file, [...(chains.get(from) ?? [from]), edge.target.file]);
      queue.push(edge.target.file);
    }
  }
  return { chains, edges };
}

/** Source files (TS, JS, CSS) under `dir`, except in folders `skip` rejects (generated, installed). */
export function sourceFilesUnder(dir: string, skip: (dir: string) => boolean = () => false): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !skip(full)) files.push(...sourceFilesUnder(full, skip));
    } else if (SOURCE_FILE.test(entry.name)) {
      files.push(full);
    }
  }
  return files.sort();
}

/** `root`-relative, forward slashes: how files are named in messages. */
export function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}
