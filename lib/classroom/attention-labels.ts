/**
 * How each attention flag reads on the dashboard, the review and the exports: a short label and
 * an icon, so a flag is never told by colour alone. The icons are plain text characters (no
 * emoji font needed) and always stand beside the label, never alone.
 */
import { ATTENTION_KIND, type AttentionKind } from "./attention";

/** Each kind in words. */
export const ATTENTION_LABEL: Readonly<Record<AttentionKind, string>> = {
  [ATTENTION_KIND.diverged]: "Diverged",
  [ATTENTION_KIND.plateau]: "Plateau",
  [ATTENTION_KIND.chance]: "At chance",
  [ATTENTION_KIND.deadUnits]: "Dead units",
  [ATTENTION_KIND.idle]: "Idle",
  [ATTENTION_KIND.stuckCell]: "Stuck on a cell",
  [ATTENTION_KIND.offline]: "Offline",
};

/** Each kind's icon, shown before its label. */
export const ATTENTION_ICON: Readonly<Record<AttentionKind, string>> = {
  [ATTENTION_KIND.diverged]: "↯",
  [ATTENTION_KIND.plateau]: "⟶",
  [ATTENTION_KIND.chance]: "½",
  [ATTENTION_KIND.deadUnits]: "∅",
  [ATTENTION_KIND.idle]: "◔",
  [ATTENTION_KIND.stuckCell]: "✎",
  [ATTENTION_KIND.offline]: "⊘",
};
