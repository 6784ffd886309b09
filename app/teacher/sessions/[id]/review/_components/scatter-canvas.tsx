"use client";

import { useEffect, useRef } from "react";
import { groupStyle } from "@/lib/classroom/groups";
import type { ScatterRun } from "../_lib/review-types";

/** Reached the target: filled circle; did not: square outline. Shape and colour both say it. */
export const SCATTER_STYLE = { reached: "#15803d", notReached: "#b45309", ungrouped: "#64748b" } as const;
const MARGIN = { left: 52, right: 12, top: 10, bottom: 36 };
/** Hidden sizes are whole numbers: spread equal ones sideways a little so 30 students at hidden 8 read as 30 marks. */
const JITTER_FRACTION = 0.35;
const MARK_RADIUS_PX = 3.5;

type Axis = { label: string; value: (run: ScatterRun) => number; isLog: boolean; jitter: number };

type ScatterCanvasProps = {
  runs: ScatterRun[];
  x: Axis;
  width: number;
  height: number;
  label: string;
  /** Marks by group (colour and shape; filled: reached) instead of by outcome alone. */
  byGroup?: boolean;
};

/**
 * A scatter of one hyper-parameter against final loss (log scale), on a plain canvas: ~900 marks
 * draw in a millisecond, and no chart library is needed for points and two axes.
 */
export function ScatterCanvas({ runs, x, width, height, label, byGroup = false }: ScatterCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const scale = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.setTransform(scale, 0, 0, scale, 0, 0);
    draw(context, runs, x, width, height, byGroup);
  }, [runs, x, width, height, byGroup]);
  return <canvas ref={canvasRef} role="img" aria-label={label} style={{ width, height }} className="max-w-full" />;
}

/** Room around the data, as a fraction of its range, so marks on the extremes are not cut by the frame. */
const PADDING_FRACTION = 0.06;

function extentOf(values: number[]): [number, number] {
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [0, 1];
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const pad = (high - low) * PADDING_FRACTION;
  return [low - pad, high + pad];
}

function draw(
  context: CanvasRenderingContext2D,
  runs: ScatterRun[],
  x: Axis,
  width: number,
  height: number,
  byGroup: boolean,
): void {
  context.clearRect(0, 0, width, height);
  const usable = runs.filter(
    (run) =>
      run.loss > 0 && Number.isFinite(run.loss) && Number.isFinite(x.value(run)) && (!x.isLog || x.value(run) > 0),
  );
  const xs = usable.map((run) => (x.isLog ? Math.log10(x.value(run)) : x.value(run)));
  const ys = usable.map((run) => Math.log10(run.loss));
  const [x0, x1] = extentOf(xs.length ? xs : [0, 1]);
  const [y0, y1] = extentOf(ys.length ? ys : [-2, 0]);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const px = (v: number) => MARGIN.left + ((v - (x0 - x.jitter)) / (x1 - x0 + 2 * x.jitter)) * plotW;
  const py = (v: number) => MARGIN.top + (1 - (v - y0) / (y1 - y0)) * plotH;

  context.strokeStyle = "#94a3b8";
  context.lineWidth = 1;
  context.strokeRect(MARGIN.left, MARGIN.top, plotW, plotH);
  context.fillStyle = "#334155";
  context.font = "11px system-ui, sans-serif";
  context.textAlign = "right";
  context.textBaseline = "middle";
  for (let e = Math.ceil(y0); e <= Math.floor(y1); e++) context.fillText(`1e${e}`, MARGIN.left - 4, py(e));
  context.textAlign = "center";
  context.textBaseline = "top";
  const tickStep = x.isLog ? 1 : Math.max(1, Math.ceil((x1 - x0) / 8));
  for (let v = Math.ceil(x0); v <= Math.floor(x1); v += tickStep)
    context.fillText(x.isLog ? `1e${v}` : String(v), px(v), height - MARGIN.bottom + 4);
  context.fillText(x.label, MARGIN.left + plotW / 2, height - 14);
  context.save();
  context.translate(12, MARGIN.top + plotH / 2);
  context.rotate(-Math.PI / 2);
  context.fillText("final loss (log)", 0, 0);
  context.restore();

  usable.forEach((run, i) => {
    // Deterministic jitter from the index: the picture does not dance between renders.
    const spread = x.jitter * (((i * 2654435761) % 1000) / 500 - 1);
    const cx = px((xs[i] ?? 0) + spread);
    const cy = py(ys[i] ?? 0);
    context.beginPath();
    if (byGroup) {
      drawGroupMark(context, run, cx, cy);
      return;
    }
    if (run.isReachedTarget) {
      context.fillStyle = SCATTER_STYLE.reached;
      context.arc(cx, cy, MARK_RADIUS_PX, 0, 2 * Math.PI);
      context.fill();
    } else {
      context.strokeStyle = SCATTER_STYLE.notReached;
      context.lineWidth = 1.5;
      context.rect(cx - MARK_RADIUS_PX, cy - MARK_RADIUS_PX, 2 * MARK_RADIUS_PX, 2 * MARK_RADIUS_PX);
      context.stroke();
    }
  });
}

/** A run's mark by group: the group's shape in its colour, filled when it reached the target; × in no group. */
function drawGroupMark(context: CanvasRenderingContext2D, run: ScatterRun, cx: number, cy: number): void {
  const r = MARK_RADIUS_PX + 0.5;
  context.lineWidth = 1.5;
  if (run.group === null) {
    context.strokeStyle = SCATTER_STYLE.ungrouped;
    context.moveTo(cx - r, cy - r);
    context.lineTo(cx + r, cy + r);
    context.moveTo(cx + r, cy - r);
    context.lineTo(cx - r, cy + r);
    context.stroke();
    return;
  }
  const style = groupStyle(run.group);
  if (style.shape === "circle") context.arc(cx, cy, r, 0, 2 * Math.PI);
  else if (style.shape === "square") context.rect(cx - r, cy - r, 2 * r, 2 * r);
  else if (style.shape === "triangle") {
    context.moveTo(cx, cy - r);
    context.lineTo(cx + r, cy + r);
    context.lineTo(cx - r, cy + r);
    context.closePath();
  } else {
    context.moveTo(cx, cy - r - 1);
    context.lineTo(cx + r + 1, cy);
    context.lineTo(cx, cy + r + 1);
    context.lineTo(cx - r - 1, cy);
    context.closePath();
  }
  context.fillStyle = style.color;
  context.strokeStyle = style.color;
  if (run.isReachedTarget) context.fill();
  else context.stroke();
}

export const HIDDEN_AXIS: Axis = {
  label: "hidden units",
  value: (run) => run.hidden,
  isLog: false,
  jitter: JITTER_FRACTION,
};
export const LR_AXIS: Axis = { label: "learning rate (log)", value: (run) => run.lr, isLog: true, jitter: 0 };
