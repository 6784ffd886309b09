import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/** What `next build` leaves: Next's own output and the sandbox worker next.config.js bundles. */
const BUILD_OUTPUTS = [".next/BUILD_ID", "public/sandbox/cell-runner.js"];

/** `npm start` on a fresh clone: build once, so the newcomer needs no separate build step. */
export async function ensureNextBuild(root: string): Promise<void> {
  if (BUILD_OUTPUTS.every((file) => existsSync(path.join(root, file)))) return;
  console.log("No production build found: running `next build` once (about 30 s)…");
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with code ${code}`))));
  });
}
