/**
 * The cap on concurrent socket connections per client address (issue 11, hole 6: 400
 * never-authenticated connections from one address were held). Two counts per address: every
 * open engine.io connection (a generous total a NAT'd lecture hall stays under), and those not yet
 * authenticated (no socket.io `connection` yet), which is what a flood holds. A handshake over
 * either cap is refused before any socket exists (HTTP 403 with the reason); a connection that
 * slipped past in a burst of concurrent handshakes is closed as soon as it opens.
 */

/** The caps, per address. */
export type SocketAddressLimits = { total: number; unauthenticated: number };

/** Why a handshake is refused, as the HTTP 403 body's `message` says it. */
export const TOO_MANY_SOCKETS_MESSAGE = "Too many connections from this address: close other tabs or try again later";

type Counts = { total: number; unauthenticated: number };

/** The counting, without engine.io: tests drive it directly. */
export function createSocketAddressCap(limits: SocketAddressLimits) {
  const byAddress = new Map<string, Counts>();
  /** Connection id → its address and whether it authenticated. */
  const connections = new Map<string, { address: string; isAuthenticated: boolean }>();

  function counts(address: string): Counts {
    return byAddress.get(address) ?? { total: 0, unauthenticated: 0 };
  }

  function isOver(current: Counts): boolean {
    return current.total >= limits.total || current.unauthenticated >= limits.unauthenticated;
  }

  return {
    /** True when a new connection from `address` may start its handshake. */
    canOpen(address: string): boolean {
      return !isOver(counts(address));
    },

    /** A connection opened; false when it is over the cap (the caller closes it, then calls closed). */
    opened(id: string, address: string): boolean {
      const current = counts(address);
      const isAllowed = !isOver(current);
      byAddress.set(address, { total: current.total + 1, unauthenticated: current.unauthenticated + 1 });
      connections.set(id, { address, isAuthenticated: false });
      return isAllowed;
    },

    /** The connection passed the socket.io handshake: it no longer counts as unauthenticated. */
    authenticated(id: string): void {
      const connection = connections.get(id);
      if (!connection || connection.isAuthenticated) return;
      connection.isAuthenticated = true;
      const current = counts(connection.address);
      byAddress.set(connection.address, { ...current, unauthenticated: current.unauthenticated - 1 });
    },

    /** The connection closed. */
    closed(id: string): void {
      const connection = connections.get(id);
      if (!connection) return;
      connections.delete(id);
      const current = counts(connection.address);
      const next = {
        total: current.total - 1,
        unauthenticated: current.unauthenticated - (connection.isAuthenticated ? 0 : 1),
      };
      if (next.total === 0) byAddress.delete(connection.address);
      else byAddress.set(connection.address, next);
    },

    /** The counts of one address now (for tests and health). */
    countsOf: (address: string): Counts => ({ ...counts(address) }),
  };
}

/** The counter's API. */
export type SocketAddressCap = ReturnType<typeof createSocketAddressCap>;
