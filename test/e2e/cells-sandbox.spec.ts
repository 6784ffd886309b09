/**
 * The cells' sandbox in Chromium: student code runs in /sandbox/cell-runner.js, a Web Worker under
 * its own Content-Security-Policy (eval only: no connections, no workers), with the globals the
 * policy does not cover removed. Every escape is tried from student code; each must fail and a
 * listener the code aims at must hear nothing. The pages' own policy stays strict.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** Escapes tried from student code, with how each is attempted. */
const PROBE_CODE = `
async function probe(api, url) {
  const settle = (target) => new Promise((resolve) => {
    target.onopen = () => resolve("reached");
    target.onerror = () => resolve("blocked: error event");
  });
  try {
    switch (api) {
      case "fetch": await fetch(url); return "reached";
      case "XMLHttpRequest": { const xhr = new XMLHttpRequest(); xhr.open("GET", url, false); xhr.send(); return "reached " + xhr.status; }
      case "WebSocket": return await settle(new WebSocket(url.replace("http:", "ws:")));
      case "EventSource": return await settle(new EventSource(url));
      case "BroadcastChannel": new BroadcastChannel("cells-probe").postMessage("escaped"); return "reached";
      case "importScripts": importScripts(url); return "reached";
      case "indexedDB": indexedDB.open("cells-probe"); return "reached";
      case "indexedDB via a prototype": {
        for (let target = self; target; target = Object.getPrototypeOf(target)) {
          const descriptor = Object.getOwnPropertyDescriptor(target, "indexedDB");
          if (descriptor && descriptor.get) { descriptor.get.call(self).open("cells-probe"); return "reached"; }
        }
        throw new Error("no indexedDB anywhere");
      }
      case "caches": await caches.open("cells-probe"); return "reached";
      case "Worker": {
        // A nested worker would start with fresh globals; if it ran at all it would say so.
        const nested = new Worker(URL.createObjectURL(new Blob(["postMessage('ran'); fetch(" + JSON.stringify(url) + ")"])));
        return await new Promise((resolve) => {
          nested.onmessage = () => resolve("reached");
          nested.onerror = () => resolve("blocked: error event");
        });
      }
      case "Worker (same origin)": {
        const nested = new Worker("/sandbox/cell-runner.js");
        nested.postMessage({ id: 7, request: { code: "function f() { return 1; }", entry: "f", given: "chapter", output: "values", calls: [[]] } });
        return await new Promise((resolve) => {
          nested.onmessage = () => resolve("reached");
          nested.onerror = () => resolve("blocked: error event");
        });
      }
    }
    return "unknown api";
  } catch (error) {
    return "blocked: " + error.name + ": " + error.message;
  }
}`;

const APIS = [
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "EventSource",
  "BroadcastChannel",
  "importScripts",
  "indexedDB",
  "indexedDB via a prototype",
  "caches",
  "Worker",
  "Worker (same origin)",
];

/** A listener on an ephemeral port that counts every request and upgrade that reaches it. */
async function startListener(): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.setHeader("access-control-allow-origin", "*");
    response.end("reached");
  });
  server.on("upgrade", (request, socket) => {
    hits.push(`upgrade ${request.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/escape`, hits };
}

/** Runs student code in the real sandbox worker, exactly as the student page does. */
async function runInSandbox(page: Page, code: string, entry: string, calls: unknown[][]): Promise<unknown> {
  return page.evaluate(
    ({ code, entry, calls }) =>
      new Promise((resolve) => {
        const worker = new Worker("/sandbox/cell-runner.js");
        worker.onmessage = (event) => {
          worker.terminate();
          resolve((event.data as { response: unknown }).response);
        };
        worker.postMessage({ id: 1, request: { code, entry, given: "chapter", output: "values", calls } });
      }),
    { code, entry, calls },
  );
}

test("@cells student code in the sandbox reaches nothing: every escape fails", async ({ page }) => {
  const listener = await startListener();
  try {
    await page.goto("/");
    // The page listens on the channel the student code will try.
    await page.evaluate(() => {
      const channel = new BroadcastChannel("cells-probe");
      const heard: unknown[] = [];
      channel.onmessage = (event) => heard.push(event.data);
      (window as unknown as { heard: unknown[] }).heard = heard;
    });
    const response = (await runInSandbox(
      page,
      PROBE_CODE,
      "probe",
      APIS.map((api) => [api, listener.url]),
    )) as { ok: boolean; results: { ok: boolean; value: string }[] };
    expect(response.ok).toBe(true);
    const outcomes = Object.fromEntries(APIS.map((api, i) => [api, response.results[i]?.value]));
    console.log("[cells-sandbox] outcomes:", JSON.stringify(outcomes, null, 1));
    for (const api of APIS) expect(outcomes[api], api).toMatch(/^blocked: /);

    // Nothing arrived anywhere: not at the listener, not on the page's channel, not in its storage.
    expect(listener.hits).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([]);
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
    expect(databases).not.toContain("cells-probe");
    expect(await page.evaluate(() => caches.has("cells-probe"))).toBe(false);
  } finally {
    listener.server.close();
  }
});

test("@cells the sandbox worker is served with only the sandbox policy; the pages keep theirs strict", async ({
  page,
  request,
}) => {
  const worker = await request.get("/sandbox/cell-runner.js");
  expect(worker.status()).toBe(200);
  expect(worker.headers()["content-type"]).toMatch(/^text\/javascript/);
  expect(worker.headers()["content-security-policy"]).toBe(
    "default-src 'none'; script-src 'unsafe-eval'; worker-src 'none'; connect-src 'none'",
  );

  for (const path of ["/", "/play/ABCDEF", "/teacher/sign-in"]) {
    const response = await page.goto(path);
    const policy = response?.headers()["content-security-policy"] ?? "";
    expect(policy, path).toContain("script-src 'self' 'nonce-");
    expect(policy, path).not.toContain("unsafe-eval");
  }
});

test("@cells syntax and runtime errors come back from the sandbox with their kind and line", async ({ page }) => {
  await page.goto("/");
  const syntax = (await runInSandbox(page, "function linear(x) {\n  return [;\n}", "linear", [[[1]]])) as {
    ok: boolean;
    error?: { kind: string };
  };
  expect(syntax).toMatchObject({ ok: false, error: { kind: "syntax" } });
  const thrown = (await runInSandbox(page, "function linear(x) {\n\n  throw new Error('no');\n}", "linear", [
    [[1]],
  ])) as {
    results: { error: { line: number; message: string } }[];
  };
  expect(thrown.results[0]?.error).toMatchObject({ line: 3, message: "Error: no" });
});
