import { digitsToTellApart, type ForwardBar, formatNumber, SHOWN_DIGITS } from "@/lib/cells";

/**
 * The chapter's bars: for each test point, the student's output beside the reference's, drawn
 * from a centre line (left negative, right positive) with the value as text. The two bars differ
 * in pattern and label, not only in colour.
 */
export function ForwardBars({ bars }: { bars: readonly ForwardBar[] }) {
  const largest = Math.max(1e-9, ...bars.flatMap((bar) => [Math.abs(bar.expected), Math.abs(bar.got ?? 0)]));
  return (
    <figure className="space-y-3" data-testid="forward-bars">
      <figcaption className="text-sm text-slate-700">
        Output for each test point: <strong>yours</strong> (solid) and the <strong>reference</strong> (striped). If your
        bars match the reference&apos;s, your forward pass is correct.
      </figcaption>
      {bars.map((bar) => {
        // Six digits unless more are needed to show where the student's value differs.
        const digits = bar.got === null ? undefined : digitsToTellApart([bar.expected], [bar.got]);
        return (
          <div key={bar.point.join(",")} className="space-y-1">
            <p className="text-sm font-semibold">point ({bar.point.join(", ")})</p>
            <Bar label="yours" value={bar.got} digits={digits} largest={largest} className="bg-cool-700" />
            <Bar
              label="reference"
              value={bar.expected}
              digits={digits}
              largest={largest}
              className="bg-[repeating-linear-gradient(45deg,#b45309_0,#b45309_4px,#fde68a_4px,#fde68a_8px)]"
            />
          </div>
        );
      })}
    </figure>
  );
}

function Bar({
  label,
  value,
  digits,
  largest,
  className,
}: {
  label: string;
  value: number | null;
  /** Significant digits shown; the same for both bars of a point. */
  digits: number | undefined;
  largest: number;
  className: string;
}) {
  const share = value === null ? 0 : (Math.abs(value) / largest) * 50;
  const text = value === null ? "no number" : formatNumber(value, digits ?? SHOWN_DIGITS);
  return (
    <div className="grid grid-cols-[5.5rem_1fr] items-center gap-2 text-sm" data-testid={`bar-${label}`}>
      <span>{label}</span>
      <div className="relative h-5 rounded bg-slate-100" role="img" aria-label={`${label}: ${text}`}>
        <span aria-hidden="true" className="absolute inset-y-0 left-1/2 w-px bg-slate-500" />
        <span
          aria-hidden="true"
          className={`absolute inset-y-0.5 rounded-sm ${className}`}
          style={
            value !== null && value < 0 ? { right: "50%", width: `${share}%` } : { left: "50%", width: `${share}%` }
          }
        />
      </div>
      <span className="col-start-2 font-mono text-xs break-all">{text}</span>
    </div>
  );
}
