/**
 * A group experiment on the overlay: each group's median as its own line — its colour AND its dash
 * pattern — and the words for its legend. Pure, shared by the dashboard and the projector.
 */
import type { LossSeries } from "@/app/_components/charts/loss-chart";
import { type GroupExperiment, groupLabel, groupStyle } from "@/lib/classroom/groups";
import type { Overlay } from "./overlay";

/** One group's legend entry: its name in words, its line's style, its students and latest median. */
export type GroupLegendEntry = {
  index: number;
  label: string;
  color: string;
  dash: readonly number[];
  dashName: string;
  students: number;
  /** The median's last value on the grid (where the group is now), null before any point. */
  latest: number | null;
};

/** The legend of the experiment's groups, in group order (a group with no student yet included). */
export function groupLegend(overlay: Overlay, experiment: GroupExperiment): GroupLegendEntry[] {
  return experiment.values.map((value, index) => {
    const group = overlay.groups.find((candidate) => candidate.index === index);
    const style = groupStyle(index);
    return {
      index,
      label: groupLabel(experiment.key, index, value),
      color: style.color,
      dash: style.dash,
      dashName: style.dashName,
      students: group?.students ?? 0,
      latest: group ? lastValue(group.median) : null,
    };
  });
}

/** The groups' median lines for LossChart, thick, each in its colour and dash. */
export function groupMedianSeries(overlay: Overlay, experiment: GroupExperiment, width: number): LossSeries[] {
  return overlay.groups
    .filter((group) => group.index < experiment.values.length)
    .map((group) => {
      const style = groupStyle(group.index);
      const value = experiment.values[group.index] ?? "";
      return {
        label: `${groupLabel(experiment.key, group.index, value)} median`,
        values: group.median,
        color: style.color,
        dash: style.dash,
        width,
      };
    });
}

function lastValue(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}
