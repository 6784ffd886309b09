import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/** `npm start` on a fresh clone: build once, so the newcomer needs no separate build step. */
export async function ensureNextBuild(root: string): Promise<void> {
  if (existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("No production build found: running `next build` once (about 30 s)…");
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with code ${code}`))));
  });
}
