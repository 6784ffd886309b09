import type { ParticipantStatus } from "@/lib/classroom/status";

/**
 * Each status as words plus a distinct shape, so it reads without colour (and on a greyscale
 * projector): the colour only repeats what the shape and the text already say.
 */
const STATUS_LOOK: Record<ParticipantStatus, { text: string; icon: string; className: string }> = {
  joined: { text: "Idle", icon: "○", className: "text-slate-700" },
  training: { text: "Training", icon: "▶", className: "text-cool-700" },
  paused: { text: "Paused", icon: "❚❚", className: "text-slate-700" },
  reachedTarget: { text: "Reached target", icon: "✓", className: "text-green-700" },
  diverged: { text: "Diverged", icon: "✕", className: "text-red-700" },
  finished: { text: "Finished", icon: "■", className: "text-slate-800" },
  disconnected: { text: "Disconnected", icon: "⌁", className: "text-slate-500" },
};

/** The status's words, e.g. for counts and screen readers. */
export function statusText(status: ParticipantStatus): string {
  return STATUS_LOOK[status].text;
}

/** A status as icon + text; the icon is decorative, the text is what is read. */
export function StatusLabel({ status, className = "" }: { status: ParticipantStatus; className?: string }) {
  const look = STATUS_LOOK[status];
  return (
    <span
      className={`inline-flex items-center gap-1 font-semibold ${look.className} ${className}`}
      data-status={status}
    >
      <span aria-hidden="true" className="inline-block w-4 text-center">
        {look.icon}
      </span>
      {look.text}
    </span>
  );
}
