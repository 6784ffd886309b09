"use client";

import { useId, useState } from "react";
import type { AttentionKind } from "@/lib/classroom/attention";
import { ATTENTION_ICON, ATTENTION_LABEL } from "@/lib/classroom/attention-labels";
import type { StoredFlag } from "@/lib/protocol";

/** A flag to show: live ones say whether the teacher marked them seen; stored ones (the review) do not. */
type ShownFlag = StoredFlag & { isSeen?: boolean };

type AttentionBadgesProps = {
  flags: readonly ShownFlag[];
  /** The student's shown name, for the labels ("Mark Plateau seen for Ada"). */
  name: string;
  /** Marks one kind seen; absent (the review), no buttons. */
  onMarkSeen?: (kind: AttentionKind) => void;
  /** Kinds whose "Mark seen" is on its way to the server (the button says so and waits). */
  pendingKinds?: ReadonlySet<AttentionKind>;
};

/**
 * A student's attention flags: each an icon AND its words (colour only repeats them), its reason
 * on hover and on keyboard focus (a tooltip the badge names with aria-describedby, and its
 * title), and on the dashboard a "Mark seen" button per flag still needing attention. A seen
 * flag stays listed, greyed and labelled "seen", until it grows worse or clears.
 */
export function AttentionBadges({ flags, name, onMarkSeen, pendingKinds }: AttentionBadgesProps) {
  const id = useId();
  const [openKey, setOpenKey] = useState<string | null>(null);
  if (flags.length === 0) return null;
  // A kind may repeat (stuck on two cells): its count so far keeps the key unique and stable.
  const keyed = flags.map((flag, at) => ({
    flag,
    key: `${flag.kind}-${flags.slice(0, at).filter((other) => other.kind === flag.kind).length}`,
  }));
  return (
    <ul
      className="mt-1 flex flex-col gap-1 text-sm"
      aria-label={`Attention flags of ${name}`}
      data-testid="attention-badges"
    >
      {keyed.map(({ flag, key }) => {
        const reasonId = `${id}-${key}`;
        const isOpen = openKey === key;
        const label = ATTENTION_LABEL[flag.kind];
        const isPending = pendingKinds?.has(flag.kind) ?? false;
        return (
          <li
            key={key}
            className="relative flex flex-wrap items-center gap-1"
            data-testid="attention-flag"
            data-kind={flag.kind}
            data-seen={flag.isSeen ? "true" : "false"}
          >
            {/* A button so focus (keyboard) and a tap (touch, no hover) show the reason; it changes nothing. */}
            <button
              type="button"
              title={flag.reason}
              aria-describedby={reasonId}
              aria-expanded={isOpen}
              onClick={() => setOpenKey(isOpen ? null : key)}
              className={`peer rounded border px-1 text-left font-semibold ${
                flag.isSeen ? "border-slate-200 text-slate-600" : "border-amber-500 bg-amber-50 text-amber-900"
              }`}
            >
              <span aria-hidden="true">{ATTENTION_ICON[flag.kind]} </span>
              {label}
              {flag.isSeen ? <span className="font-normal"> (seen)</span> : null}
            </button>
            <span
              id={reasonId}
              role="tooltip"
              className={`pointer-events-none absolute top-full left-0 z-10 mt-0.5 w-52 rounded bg-slate-900 px-2 py-1 text-xs font-normal text-white peer-hover:block peer-focus-visible:block ${isOpen ? "block" : "hidden"}`}
            >
              {flag.reason}
            </span>
            {onMarkSeen && !flag.isSeen ? (
              <button
                type="button"
                className="btn-secondary px-1 py-0 text-xs"
                onClick={() => onMarkSeen(flag.kind)}
                disabled={isPending}
                aria-label={`Mark ${label} seen for ${name}`}
              >
                {isPending ? "Marking…" : "Mark seen"}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
