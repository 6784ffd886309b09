import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { lanAddresses, resolvePublicUrl } from "@/server/boot/network";
import { isAllowedOrigin } from "@/server/boot/socket-server";

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("isAllowedOrigin", () => {
  it("allows the page's own origin and the public URL, refuses others", () => {
    const publicUrl = "https://class.school.example";
    expect(isAllowedOrigin(request({ host: "192.168.1.5:3000", origin: "http://192.168.1.5:3000" }), publicUrl)).toBe(
      true,
    );
    expect(isAllowedOrigin(request({ host: "internal:3000", origin: "https://class.school.example" }), publicUrl)).toBe(
      true,
    );
    expect(isAllowedOrigin(request({ host: "192.168.1.5:3000", origin: "https://evil.example" }), publicUrl)).toBe(
      false,
    );
    expect(isAllowedOrigin(request({ host: "192.168.1.5:3000", origin: "::garbage" }), publicUrl)).toBe(false);
  });

  it("allows clients that send no Origin (the simulator, not a browser)", () => {
    expect(isAllowedOrigin(request({ host: "localhost:3000" }), "http://localhost:3000")).toBe(true);
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
