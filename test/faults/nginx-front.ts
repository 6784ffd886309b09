/**
 * Debian's nginx as a foreground process for the nginx front test: the repository's
 * server/cluster/nginx.conf, unchanged but for its backends and listen address, inside a main
 * configuration of the test's own (pid, logs and temp folders in a temp folder, so it needs no
 * /etc/nginx and no system service). The access log records which backend served each request.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The configuration the README shows and an operator installs. */
export const NGINX_SITE_PATH = path.join(ROOT, "server", "cluster", "nginx.conf");
const NGINX_BIN = process.env.NGINX_BIN ?? "/usr/sbin/nginx";
const START_TIMEOUT_MS = 15_000;

/** One proxied request from the access log. */
export type ProxiedRequest = { clientAddress: string; upstreams: string[]; uri: string; status: number };

/** The site file pointed at `backends` and listening on `listen`; throws if its shape changed. */
export function pointSite(site: string, listen: string, backends: readonly string[]): string {
  const servers = [...site.matchAll(/^(\s*)server \S+:\d+;$/gm)];
  const listens = [...site.matchAll(/^(\s*)listen \S+;$/gm)];
  if (servers.length !== backends.length || listens.length !== 1) {
    throw new Error(`${NGINX_SITE_PATH}: expected ${backends.length} upstream servers and one listen line`);
  }
  let index = 0;
  return site
    .replace(/^(\s*)server \S+:\d+;$/gm, (_line, indent: string) => `${indent}server ${backends[index++]};`)
    .replace(/^(\s*)listen \S+;$/m, (_line, indent: string) => `${indent}listen ${listen};`);
}

/** Starts nginx in front of `backends` (host:port) on 127.0.0.1:`port`; resolves once it answers. */
export async function startNginx(options: { port: number; backends: readonly string[] }) {
  const dir = await mkdtemp(path.join(tmpdir(), "mlp-nginx-"));
  // nginx's workers run as `nobody` when it is started as root: they must reach the temp folders.
  await chmod(dir, 0o755);
  const site = pointSite(await readFile(NGINX_SITE_PATH, "utf8"), `127.0.0.1:${options.port}`, options.backends);
  await writeFile(path.join(dir, "site.conf"), site);
  const main = `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 1024; }
http {
    log_format upstreams '$remote_addr|$upstream_addr|$status|$request_uri';
    access_log ${dir}/access.log upstreams;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/site.conf;
}
`;
  await writeFile(path.join(dir, "nginx.conf"), main);
  let output = "";
  const child: ChildProcess = spawn(NGINX_BIN, ["-p", dir, "-e", `${dir}/error.log`, "-c", `${dir}/nginx.conf`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const errorLog = () => readFile(path.join(dir, "error.log"), "utf8").catch(() => "");
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${output}${await errorLog()}`);
    const answered = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url}: ${output}${await errorLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    errorLog,
    /** Every request nginx has logged so far (a WebSocket is logged when it closes). */
    async requests(): Promise<ProxiedRequest[]> {
      const log = await readFile(path.join(dir, "access.log"), "utf8").catch(() => "");
      return log
        .split("\n")
        .filter((line) => line.length > 0)
        .map((line) => {
          const [clientAddress = "", upstreams = "", status = "0", uri = ""] = line.split("|");
          return { clientAddress, upstreams: upstreams.split(", "), uri, status: Number(status) };
        });
    },
    async stop(): Promise<void> {
      if (child.exitCode === null) {
        child.kill("SIGQUIT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
