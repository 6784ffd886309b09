"use client";

import { useEffect, useRef } from "react";

/** Line colour: the dashboard's neutral ink; the sparkline's shape is the message, not its hue. */
const LINE_COLOR = "#0f172a";

type SparklineProps = {
  steps: readonly number[];
  losses: readonly number[];
  /** Changes whenever the arrays were mutated in place; the canvas redraws then. */
  version: number;
  width: number;
  height: number;
  label: string;
};

/**
 * A tiny loss curve on a plain canvas. One uPlot per tile would cost ~300 chart instances; this
 * is one path per redraw. The y axis runs from 0 to the curve's highest loss, so a plateau
 * reads as flat and the drop as a drop.
 */
export function Sparkline({ steps, losses, version, width, height, label }: SparklineProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: steps/losses are mutated in place; version says when
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const scale = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.setTransform(scale, 0, 0, scale, 0, 0);
    context.clearRect(0, 0, width, height);
    const n = steps.length;
    const lastStep = steps[n - 1];
    const firstStep = steps[0];
    if (n < 2 || lastStep === undefined || firstStep === undefined) return;
    let maxLoss = 0;
    for (const loss of losses) maxLoss = Math.max(maxLoss, Number.isFinite(loss) ? loss : 0);
    if (maxLoss <= 0) maxLoss = 1;
    const span = Math.max(1, lastStep - firstStep);
    const pad = 1.5;
    context.beginPath();
    for (let i = 0; i < n; i++) {
      const x = pad + (((steps[i] ?? 0) - firstStep) / span) * (width - 2 * pad);
      const y = pad + (1 - Math.min(1, (losses[i] ?? 0) / maxLoss)) * (height - 2 * pad);
      if (i === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    }
    context.strokeStyle = LINE_COLOR;
    context.lineWidth = 1.5;
    context.stroke();
  }, [version, width, height]);

  return <canvas ref={canvasRef} role="img" aria-label={label} style={{ width, height }} data-points={steps.length} />;
}
