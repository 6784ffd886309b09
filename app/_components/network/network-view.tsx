"use client";

import { useEffect, useId, useRef, useState } from "react";
import { DATASET_EXTENT } from "@/lib/ml/nn";
import { useBoxWidth } from "../use-box-width";
import { layoutNetwork, linkWidth, NODE_RADIUS_PX, type Point } from "./network-layout";
import { formatWeight, type NetworkModel, type NetworkUnit, UNIT_MAP_RESOLUTION } from "./network-model";
import { UnitMapCanvas } from "./unit-map-canvas";

/** Positive weights warm and solid, negative cool and dashed: colour is never the only signal. */
const POSITIVE_INK = "rgb(194, 65, 12)";
const NEGATIVE_INK = "rgb(29, 78, 216)";
const NEGATIVE_DASH = "5 3";
/** Links of units other than the highlighted one fade back. */
const FADED_OPACITY = 0.2;
const NODE_FILL = "rgb(241, 245, 249)";
const NODE_STROKE = "rgb(71, 85, 105)";

type NetworkViewProps = {
  /** Null before the first run or for a diverged one. */
  model: NetworkModel | null;
  /** Whose network, for the headings and labels ("Your network", "Ada's network"). */
  title: string;
  highlightedUnit: number | null;
  onHighlightUnit: (unit: number | null) => void;
  isShowingAllLines: boolean;
  onShowAllLines: (isShowing: boolean) => void;
  /** Max width in CSS px; the diagram fills its column up to this. */
  maxWidth?: number;
  /** Max height of the diagram itself in CSS px (thumbnails shrink to fit): the projector's one screen. */
  maxDiagramHeight?: number;
  /** The projector's one screen: no legend, and the readout only while a unit is highlighted. */
  isCompact?: boolean;
};

/**
 * The network diagram: inputs → hidden units (each a small map with its line) → output, links by
 * sign (colour and dash) and magnitude (width). Hover or focus a unit to see its weights and
 * highlight its line on the big map; a toggle overlays every unit's line there.
 */
export function NetworkView({
  model,
  title,
  highlightedUnit,
  onHighlightUnit,
  isShowingAllLines,
  onShowAllLines,
  maxWidth = 460,
  maxDiagramHeight,
  isCompact = false,
}: NetworkViewProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  // The dashboard and the review may show more than one page section: each heading id is its own.
  const headingId = useId();
  const width = useBoxWidth(boxRef, maxWidth, 200);
  const units = model?.units ?? [];
  const layout = layoutNetwork(Math.max(1, units.length), width, maxDiagramHeight);
  // Hover and focus highlight while they last; a click or tap pins a unit (phones have no hover).
  const [pointedUnit, setPointedUnit] = useState<number | null>(null);
  const [pinnedUnit, setPinnedUnit] = useState<number | null>(null);
  const wantedUnit = pointedUnit ?? pinnedUnit;
  useEffect(() => {
    if (wantedUnit !== highlightedUnit) onHighlightUnit(wantedUnit);
  }, [wantedUnit, highlightedUnit, onHighlightUnit]);
  const highlighted = highlightedUnit === null ? null : (units[highlightedUnit] ?? null);
  const opacityOf = (unit: number) => (highlighted === null || highlighted.index === unit ? 1 : FADED_OPACITY);

  return (
    <section aria-labelledby={headingId} className="min-w-0" data-testid="network-view" ref={boxRef}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="font-semibold">
          {title}
        </h2>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={isShowingAllLines}
            onChange={(event) => onShowAllLines(event.target.checked)}
          />
          Show every unit's line on the map
        </label>
      </div>
      {model === null ? (
        <p className="mt-2 text-sm text-slate-600">The network appears here once a run starts.</p>
      ) : (
        <>
          <div className="relative mt-2" style={{ width: layout.width, height: layout.height }}>
            <svg
              width={layout.width}
              height={layout.height}
              className="absolute inset-0"
              aria-hidden="true"
              focusable="false"
            >
              {units.map((unit) => {
                const at = layout.units[unit.index] ?? layout.output;
                return (
                  <g key={unit.index} opacity={opacityOf(unit.index)}>
                    <Link from={layout.inputs[0]} to={at} weight={unit.wx} />
                    <Link from={layout.inputs[1]} to={at} weight={unit.wy} />
                    {unit.outgoing === null ? (
                      <line {...ends(at, layout.output)} stroke={NODE_STROKE} strokeWidth={1} />
                    ) : (
                      <Link from={at} to={layout.output} weight={unit.outgoing} />
                    )}
                  </g>
                );
              })}
              <Node at={layout.inputs[0]} text="x" />
              <Node at={layout.inputs[1]} text="y" />
              <Node at={layout.output} text="out" />
            </svg>
            <ul aria-label={`${title}, ${model.isSingleNeuron ? "its single neuron" : "unit by unit"}`}>
              {units.map((unit) => (
                <li
                  key={unit.index}
                  className="absolute"
                  style={{
                    left: (layout.units[unit.index]?.x ?? 0) - layout.thumb / 2,
                    top: (layout.units[unit.index]?.y ?? 0) - layout.thumb / 2,
                  }}
                >
                  <UnitButton
                    unit={unit}
                    model={model}
                    size={layout.thumb}
                    isHighlighted={highlighted?.index === unit.index}
                    onPoint={setPointedUnit}
                    isPinned={pinnedUnit === unit.index}
                    onPin={() => setPinnedUnit((pinned) => (pinned === unit.index ? null : unit.index))}
                  />
                </li>
              ))}
            </ul>
          </div>
          {isCompact && highlighted === null ? null : <UnitReadout unit={highlighted} model={model} />}
          <p className={isCompact ? "sr-only" : "mt-1 text-xs text-slate-600"}>
            Links: <span className="font-semibold text-warm-700">solid = positive</span>,{" "}
            <span className="font-semibold text-cool-700">dashed = negative</span>, wider = larger. Each map shows where
            its unit pushes the output (warm towards class 1, cool towards class 0); grey = dead or saturated.
          </p>
        </>
      )}
    </section>
  );
}

function UnitButton({
  unit,
  model,
  size,
  isHighlighted,
  isPinned,
  onPoint,
  onPin,
}: {
  unit: NetworkUnit;
  model: NetworkModel;
  size: number;
  isHighlighted: boolean;
  isPinned: boolean;
  onPoint: (unit: number | null) => void;
  onPin: () => void;
}) {
  const stuck = unit.state === "alive" ? null : unit.state;
  return (
    <button
      type="button"
      aria-label={unit.description}
      aria-pressed={isPinned}
      data-highlighted={isHighlighted}
      data-testid="network-unit"
      data-unit={unit.index + 1}
      data-state={unit.state}
      data-weights={`${unit.wx} ${unit.wy} ${unit.bias}`}
      onMouseEnter={() => onPoint(unit.index)}
      onMouseLeave={() => onPoint(null)}
      onFocus={() => onPoint(unit.index)}
      onBlur={() => onPoint(null)}
      onClick={onPin}
      className={`relative block overflow-hidden rounded border-2 bg-white p-0 ${
        isHighlighted ? "border-slate-900 ring-2 ring-slate-900" : "border-slate-400"
      }`}
    >
      <UnitMapCanvas
        maps={model.maps}
        offset={unit.index * UNIT_MAP_RESOLUTION ** 2}
        resolution={UNIT_MAP_RESOLUTION}
        extent={DATASET_EXTENT}
        segment={unit.line.segment}
        state={unit.state}
        size={size - 4}
      />
      {stuck ? (
        <span
          aria-hidden="true"
          className="absolute inset-x-0 bottom-0 bg-slate-800/85 text-center text-[9px] leading-tight font-semibold text-white"
        >
          {stuck}
        </span>
      ) : null}
    </button>
  );
}

/** The highlighted unit's numbers and words; a hint otherwise. */
function UnitReadout({ unit, model }: { unit: NetworkUnit | null; model: NetworkModel }) {
  if (unit === null) {
    return (
      <p className="mt-2 min-h-10 text-sm text-slate-600" data-testid="unit-readout">
        Hover, focus or tap a unit to see its weights and its line on the map.
        {model.dead > 0 ? ` ${model.dead} dead.` : ""}
      </p>
    );
  }
  const name = model.isSingleNeuron ? "Single neuron" : `Unit ${unit.index + 1}`;
  return (
    <p className="mt-2 min-h-10 text-sm" data-testid="unit-readout">
      <strong>{name}</strong>: w = ({formatWeight(unit.wx)}, {formatWeight(unit.wy)}), b = {formatWeight(unit.bias)}
      {unit.outgoing === null
        ? `, output bias ${formatWeight(model.outputBias)}`
        : `, to output ${formatWeight(unit.outgoing)}`}
      . <span className="text-slate-700">{unit.description}.</span>
    </p>
  );
}

function Link({ from, to, weight }: { from: Point; to: Point; weight: number }) {
  return (
    <line
      {...ends(from, to)}
      stroke={weight >= 0 ? POSITIVE_INK : NEGATIVE_INK}
      strokeDasharray={weight >= 0 ? undefined : NEGATIVE_DASH}
      strokeWidth={linkWidth(weight)}
      data-weight={weight}
    />
  );
}

function Node({ at, text }: { at: Point; text: string }) {
  return (
    <g>
      <circle cx={at.x} cy={at.y} r={NODE_RADIUS_PX} fill={NODE_FILL} stroke={NODE_STROKE} strokeWidth={1.5} />
      <text x={at.x} y={at.y} textAnchor="middle" dominantBaseline="central" fontSize={11} fill="rgb(15, 23, 42)">
        {text}
      </text>
    </g>
  );
}

function ends(from: Point, to: Point) {
  return { x1: from.x, y1: from.y, x2: to.x, y2: to.y };
}
