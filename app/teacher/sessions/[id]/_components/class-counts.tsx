import type { Counts } from "@/lib/protocol";

/** The figures a teacher scans first; each is a number with its words, never a colour alone. */
const SHOWN: ReadonlyArray<{ key: keyof Counts; label: string; icon: string }> = [
  { key: "total", label: "Joined", icon: "●" },
  { key: "training", label: "Training", icon: "▶" },
  { key: "reachedTarget", label: "Reached target", icon: "✓" },
  { key: "diverged", label: "Diverged", icon: "✕" },
  { key: "paused", label: "Paused", icon: "❚❚" },
  { key: "disconnected", label: "Disconnected", icon: "⌁" },
];

/** Class counts as a definition list: big numbers with text labels. */
export function ClassCounts({ counts }: { counts: Counts }) {
  return (
    <dl className="grid grid-cols-3 gap-2 sm:grid-cols-6" aria-label="Class counts">
      {SHOWN.map(({ key, label, icon }) => (
        <div key={key} className="rounded-xl border border-slate-200 bg-white px-3 py-2" data-testid={`count-${key}`}>
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
