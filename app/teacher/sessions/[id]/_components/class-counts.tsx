import type { Counts } from "@/lib/protocol";

/** The figures a teacher scans first; each is a number with its words, never a colour alone. */
const SHOWN: ReadonlyArray<{ key: keyof Counts; label: string; icon: string }> = [
  { key: "total", label: "Joined", icon: "●" },
  { key: "training", label: "Training", icon: "▶" },
  { key: "paused", label: "Paused", icon: "❚❚" },
  { key: "finished", label: "Finished", icon: "■" },
  { key: "diverged", label: "Diverged", icon: "✕" },
  { key: "joined", label: "Idle", icon: "○" },
  { key: "disconnected", label: "Disconnected", icon: "⌁" },
];
/** Its own figure, not a status: a finished student may or may not have reached the target. */
const REACHED = { key: "reached", label: "Reached target", icon: "✓" } as const;

/**
 * Class counts as a definition list: big numbers with text labels. Every student is in exactly one
 * status, so those add up to "Joined"; "Reached target" stands apart, after a gap.
 */
export function ClassCounts({ counts }: { counts: Counts }) {
  return (
    <dl className="grid grid-cols-4 gap-2 lg:grid-cols-8" aria-label="Class counts">
      {[...SHOWN, REACHED].map(({ key, label, icon }) => (
        <div
          key={key}
          className={`rounded-xl border bg-white px-3 py-2 ${key === REACHED.key ? "border-green-600 lg:ml-3" : "border-slate-200"}`}
          data-testid={`count-${key}`}
        >
          <dt className="text-sm font-semibold text-slate-700">
            <span aria-hidden="true" className="mr-1">
              {icon}
            </span>
            {label}
          </dt>
          <dd className="font-mono text-3xl font-bold">{counts[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
