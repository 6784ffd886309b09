import { networkInterfaces } from "node:os";

/** IPv4 addresses of this machine that other devices on the network can reach. */
export function lanAddresses(): string[] {
  const addresses: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === "IPv4" && !entry.internal) addresses.push(entry.address);
    }
  }
  return addresses;
}

const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * The base URL written into join links and QR codes. A phone cannot reach `localhost`, so without
 * PUBLIC_URL this is the first LAN address; only a machine with no network falls back to localhost.
 */
export function resolvePublicUrl(options: { publicUrl?: string; host: string; port: number }): string {
  if (options.publicUrl) return options.publicUrl.replace(/\/+$/, "");
  const host = WILDCARD_HOSTS.has(options.host) ? (lanAddresses()[0] ?? "localhost") : options.host;
  return `http://${host}:${options.port}`;
}

/** Every URL at which the server answers, for the start-up banner. */
export function reachableUrls(host: string, port: number): string[] {
  if (!WILDCARD_HOSTS.has(host)) return [`http://${host}:${port}`];
  return [`http://localhost:${port}`, ...lanAddresses().map((address) => `http://${address}:${port}`)];
}
