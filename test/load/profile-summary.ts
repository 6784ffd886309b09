/**
 * The top functions of a V8 CPU profile (`node --cpu-prof`) by self time, as a share of all
 * samples: what "the profile's top five" means in the load report.
 */
import { readFile } from "node:fs/promises";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};
type CpuProfile = { nodes: ProfileNode[]; samples?: number[] };

/** One function's self time. */
export type ProfileEntry = { name: string; where: string; share: number };

/**
 * Self-time shares of the profile's functions, largest first (samples of the same function at the
 * same place are added up; idle samples are left out, "(garbage collector)" and "(program)" are
kept as V8 names them).
 *
 * @example (await topFunctions("server.cpuprofile", 5)).map((e) => `${(e.share * 100).toFixed(1)} % ${e.name}`)
 */
export async function topFunctions(file: string, count: number): Promise<ProfileEntry[]> {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  return summarizeProfile(profile, count);
}

/** {@link topFunctions} on a parsed profile. */
export function summarizeProfile(profile: CpuProfile, count: number): ProfileEntry[] {
  const hits = new Map<number, number>();
  if (profile.samples && profile.samples.length > 0) {
    for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  } else {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  }
  let total = 0;
  const byFunction = new Map<string, ProfileEntry & { hits: number }>();
  for (const node of profile.nodes) {
    const nodeHits = hits.get(node.id) ?? 0;
    // Shares of the busy thread: waiting for I/O is not a cost to find.
    if (nodeHits === 0 || node.callFrame.functionName === "(idle)") continue;
    total += nodeHits;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || "(anonymous)";
    const where = url ? `${shortPath(url)}:${lineNumber + 1}` : "";
    const key = `${name} ${where}`;
    const entry = byFunction.get(key) ?? { name, where, share: 0, hits: 0 };
    entry.hits += nodeHits;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, count)
    .map(({ name, where, hits: entryHits }) => ({ name, where, share: total > 0 ? entryHits / total : 0 }));
}

function shortPath(url: string): string {
  const path = url.replace(/^file:\/\//, "");
  const modules = path.lastIndexOf("node_modules/");
  if (modules >= 0) return path.slice(modules + "node_modules/".length);
  const parts = path.split("/");
  return parts.slice(-2).join("/");
}
