import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** 128 bits: a nonce must be unguessable for each response. */
const NONCE_BYTES = 16;

/**
 * The pages' Content-Security-Policy. Scripts run only with this response's nonce (Next reads it
 * from the request's CSP header and stamps it on its own scripts; 'strict-dynamic' extends trust to
 * the chunks they load), so no injected script and no eval/new Function run on a page.
 * Development adds 'unsafe-eval', which React's dev tooling needs; production never has it.
 * Styles allow inline attributes: React and uPlot set style="" and they cannot execute code.
 */
export function contentSecurityPolicy(nonce: string, isDev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // 'self' covers same-origin ws:/wss: (socket.io) in current browsers.
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The one JavaScript MIME type the HTML standard names. */
const SCRIPT_TYPE = "text/javascript; charset=utf-8";

/** Scripts under this path run students' own code (the chapter's cells) in a Web Worker. */
export const SANDBOX_PATH_PREFIX = "/sandbox/";

/**
 * The sandbox worker's policy: it may evaluate the student's code and nothing else — no
 * connections (fetch, XHR, WebSocket, EventSource), no importScripts, no nested workers. A worker
 * takes its policy from its own response, so this, not the page's, governs it. Globals that CSP
 * does not cover (indexedDB, caches, BroadcastChannel) are removed by the worker script itself.
 */
export const SANDBOX_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-eval'; worker-src 'none'; connect-src 'none'";

/**
 * Security headers on every page response. Static assets under /_next/static get none of the
 * page policy: a Web Worker script takes its CSP from its own response, and the training worker
 * must be free to load its chunks.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, isDev: boolean): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  if (req.url?.startsWith("/_next/static/")) return;
  if (req.url?.startsWith(SANDBOX_PATH_PREFIX)) {
    res.setHeader("Content-Security-Policy", SANDBOX_CONTENT_SECURITY_POLICY);
    // The worker is a static file (public/sandbox/); Next's file server keeps a type set here and
    // would otherwise send the legacy application/javascript.
    if (new URL(req.url, "http://localhost").pathname.endsWith(".js")) res.setHeader("Content-Type", SCRIPT_TYPE);
    return;
  }
  const nonce = randomBytes(NONCE_BYTES).toString("base64");
  const policy = contentSecurityPolicy(nonce, isDev);
  req.headers["content-security-policy"] = policy;
  res.setHeader("Content-Security-Policy", policy);
}
