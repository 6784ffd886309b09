import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { lanAddresses, resolvePublicUrl } from "@/server/boot/network";
import { isAllowedOrigin } from "@/server/boot/socket-server";

const request = (headers: Record<string, string>, encrypted = false) =>
  ({ headers, socket: { remoteAddress: "10.0.0.9", encrypted } }) as unknown as IncomingMessage;
const direct = (publicUrl: string) => ({ publicUrl, isProxyTrusted: false });

describe("isAllowedOrigin: the one origin check", () => {
  it("allows the page's own origin and the public URL, refuses others", () => {
    const options = direct("https://class.school.example");
    expect(isAllowedOrigin(request({ host: "192.168.1.5:3000", origin: "http://192.168.1.5:3000" }), options)).toBe(
      true,
    );
    expect(isAllowedOrigin(request({ host: "internal:3000", origin: "https://class.school.example" }), options)).toBe(
      true,
    );
    expect(isAllowedOrigin(request({ host: "192.168.1.5:3000", origin: "https://evil.example" }), options)).toBe(false);
    expect(isAllowedOrigin(request({ host: "192.168.1.5:3000", origin: "::garbage" }), options)).toBe(false);
    expect(isAllowedOrigin(request({ host: "192.168.1.5:3000", origin: "null" }), options)).toBe(false);
  });

  it("compares scheme and port too: https on an http server's host:port is refused (issue 11 hole 7)", () => {
    const options = direct("http://192.168.1.5:3000");
    const host = "192.168.1.5:3000";
    expect(isAllowedOrigin(request({ host, origin: "https://192.168.1.5:3000" }), options)).toBe(false);
    expect(isAllowedOrigin(request({ host, origin: "http://192.168.1.5:3001" }), options)).toBe(false);
    expect(isAllowedOrigin(request({ host, origin: "http://192.168.1.5:3000.evil.example" }), options)).toBe(false);
    // A TLS socket is https: then the http origin is the wrong one.
    expect(isAllowedOrigin(request({ host: "class.example", origin: "https://class.example" }, true), options)).toBe(
      true,
    );
    expect(isAllowedOrigin(request({ host: "class.example", origin: "http://class.example" }, true), options)).toBe(
      false,
    );
  });

  it("takes the scheme from X-Forwarded-Proto only under TRUST_PROXY", () => {
    const headers = { host: "class.example", origin: "https://class.example", "x-forwarded-proto": "https" };
    expect(isAllowedOrigin(request(headers), { publicUrl: "http://10.0.0.1:3000", isProxyTrusted: true })).toBe(true);
    expect(isAllowedOrigin(request(headers), direct("http://10.0.0.1:3000"))).toBe(false);
  });

  it("allows clients that send no Origin (the simulator, not a browser)", () => {
    expect(isAllowedOrigin(request({ host: "localhost:3000" }), direct("http://localhost:3000"))).toBe(true);
  });
});

describe("resolvePublicUrl", () => {
  it("prefers PUBLIC_URL, without a trailing slash", () => {
    expect(resolvePublicUrl({ publicUrl: "https://class.example/", host: "0.0.0.0", port: 3000 })).toBe(
      "https://class.example",
    );
  });

  it("answers a LAN address, not localhost, for a wildcard host", () => {
    const lan = lanAddresses()[0];
    const expected = lan ? `http://${lan}:3000` : "http://localhost:3000";
    expect(resolvePublicUrl({ host: "0.0.0.0", port: 3000 })).toBe(expected);
    expect(resolvePublicUrl({ host: "10.1.2.3", port: 8080 })).toBe("http://10.1.2.3:8080");
  });
});
