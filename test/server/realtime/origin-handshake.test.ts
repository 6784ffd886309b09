/**
 * The origin check on real handshakes: the server's own origin passes (and reaches
 * authentication), the same host:port under https, another port and another site never do.
 */
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "@/lib/protocol";
import { useRealtimeServer } from "../../helpers/realtime";

const live = useRealtimeServer();

/** Connects over WebSocket with `origin` (or none); resolves with the connect_error, if any. */
async function handshake(origin: string | undefined) {
  const socket = connect(live.server.url, {
    auth: { v: PROTOCOL_VERSION, role: "student", token: "short" },
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: origin ? { origin } : {},
  });
  try {
    return await new Promise<Error & { data?: { code: string } }>((resolve) => socket.once("connect_error", resolve));
  } finally {
    socket.disconnect();
  }
}

describe("socket handshake origin", () => {
  it("lets the server's own origin and a missing Origin through to authentication", async () => {
    expect((await handshake(live.server.url)).data?.code).toBe("INVALID_PAYLOAD");
    expect((await handshake(undefined)).data?.code).toBe("INVALID_PAYLOAD");
  });

  it("refuses https on the same host:port, another port and another site before authentication", async () => {
    const url = new URL(live.server.url);
    for (const origin of [`https://${url.host}`, `http://${url.hostname}:1`, "http://evil.example"]) {
      const error = await handshake(origin);
      expect(error.data?.code, origin).toBeUndefined();
      expect(error.message, origin).toBe("websocket error");
    }
  });
});
