import type { IncomingMessage } from "node:http";

/** Set by the custom server on every request, so route code knows the caller without trusting it. */
export const CLIENT_IP_HEADER = "x-mlp-client-ip";
export const CLIENT_PROTO_HEADER = "x-mlp-client-proto";

/**
 * Overwrites the client-address headers with what the socket says (or, behind a trusted proxy,
 * what X-Forwarded-* says). A client cannot spoof them: any value it sent is replaced.
 */
export function stampClientHeaders(req: IncomingMessage, isProxyTrusted: boolean): void {
  const { ip, proto } = readClientAddress(req, isProxyTrusted);
  req.headers[CLIENT_IP_HEADER] = ip;
  req.headers[CLIENT_PROTO_HEADER] = proto;
}

/**
 * The caller's address and the scheme it used: the socket's, or behind a trusted proxy
 * (TRUST_PROXY) the first X-Forwarded-For / X-Forwarded-Proto. Socket.io's requests bypass the
 * Next handler that stamps the headers, so its origin check and limits call this directly.
 */
export function readClientAddress(req: IncomingMessage, isProxyTrusted: boolean): { ip: string; proto: string } {
  let ip = req.socket?.remoteAddress ?? "unknown";
  let proto = req.socket && "encrypted" in req.socket && req.socket.encrypted ? "https" : "http";
  if (isProxyTrusted) {
    const forwardedFor = headerValue(req.headers["x-forwarded-for"])?.split(",")[0]?.trim();
    const forwardedProto = headerValue(req.headers["x-forwarded-proto"])?.split(",")[0]?.trim();
    if (forwardedFor) ip = forwardedFor;
    if (forwardedProto === "https" || forwardedProto === "http") proto = forwardedProto;
  }
  return { ip, proto };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
