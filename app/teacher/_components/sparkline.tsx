"use client";

import { useEffect, useRef } from "react";

/** Line colour: the dashboard's neutral ink; the sparkline's shape is the message, not its hue. */
const LINE_COLOR = "#0f172a";
/** Points drawn per CSS pixel of width; a 1,000-point curve on 112 px needs ~224. */
const POINTS_PER_PX = 2;

type SparklineProps = {
  /** Never mutated: a changed curve comes as new arrays, and the canvas redraws then. */
  steps: readonly number[];
  losses: readonly number[];
  width: number;
  height: number;
  label: string;
  /** False while nobody can see it (a tile scrolled away): drawn when true again. Default true. */
  isDrawn?: boolean;
};

/**
 * A tiny loss curve on a plain canvas. One uPlot per tile would cost ~300 chart instances; this
 * is one path per redraw. The y axis runs from 0 to the curve's highest loss, so a plateau
 * reads as flat and the drop as a drop.
 */
export function Sparkline({ steps, losses, width, height, label, isDrawn = true }: SparklineProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!isDrawn || !canvas) return;
    const context = canvas.getContext("2d");
    if (!context) return;
    const scale = window.devicePixelRatio || 1;
    // Resizing a canvas reallocates its backing store: only when the size really changed.
    const pixelWidth = Math.round(width * scale);
    const pixelHeight = Math.round(height * scale);
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
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
    const toX = (step: number) => pad + ((step - firstStep) / span) * (width - 2 * pad);
    const toY = (loss: number) => pad + (1 - Math.min(1, Math.max(0, loss) / maxLoss)) * (height - 2 * pad);
    // More than two points per CSS pixel draw nothing new; stride over the rest, end on the last.
    const stride = Math.max(1, Math.floor(n / (POINTS_PER_PX * width)));
    context.beginPath();
    context.moveTo(toX(firstStep), toY(losses[0] ?? 0));
    for (let i = stride; i < n - 1; i += stride) context.lineTo(toX(steps[i] ?? 0), toY(losses[i] ?? 0));
    context.lineTo(toX(lastStep), toY(losses[n - 1] ?? 0));
    context.strokeStyle = LINE_COLOR;
    context.lineWidth = 1.5;
    context.stroke();
  }, [steps, losses, width, height, isDrawn]);

  return <canvas ref={canvasRef} role="img" aria-label={label} style={{ width, height }} data-points={steps.length} />;
}
