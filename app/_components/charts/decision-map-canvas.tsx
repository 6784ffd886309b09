"use client";

import { useEffect, useRef } from "react";
import type { Segment } from "@/lib/ml/nn";
import { LINE_STYLE, type MapTone, POINT_STYLE, paintMap } from "./map-palette";

export type MapPoints = { xs: Float64Array; ys: Float64Array };

/** A unit's line drawn over the map (data units); a highlighted one is drawn bold. */
export type MapLine = { readonly segment: Segment; readonly isHighlighted: boolean };

/** Line widths in CSS px: a highlighted unit's line must stand out from the overlay of all lines. */
const LINE_WIDTH_PX = 1.5;
const HIGHLIGHT_WIDTH_PX = 3.5;
const LINE_INK = "rgba(15, 23, 42, 0.75)";

type DecisionMapCanvasProps = {
  /** resolution² bytes, row 0 at the top (lib/ml/nn decisionMap); null draws an empty, faint plane. */
  map: Uint8Array | null;
  resolution: number;
  /** Half-width of the plotted square in data units. */
  extent: number;
  points?: MapPoints;
  /** A linear net's decision line (lib/ml/nn decisionLine's segment, data units), drawn under the points. */
  line?: Segment | null;
  /** CSS size in pixels; the canvas backing store follows devicePixelRatio. */
  size: number;
  label: string;
  className?: string;
  /** Unit lines to draw over the map and points (the network view's overlay and highlight). */
  lines?: readonly MapLine[];
  /** Hard regions: each pixel in its predicted class's colour (Playground's "discretize"). */
  isDiscretized?: boolean;
  /** "disagreement": the class consensus's disagreement map (light = agree, dark = disagree). */
  tone?: MapTone;
  /**
   * False while nobody can see it (a dashboard tile scrolled away): changes are not drawn until
   * it is true again, then the latest map is. Default true.
   */
  isDrawn?: boolean;
};

/**
 * A decision-region map: warm = class 1, cool = class 0, faint = uncertain, with the data drawn
 * on top as circles (class 1) and squares (class 0), and a linear net's decision line between them.
 */
export function DecisionMapCanvas({
  map,
  resolution,
  extent,
  points,
  line,
  size,
  label,
  className,
  lines,
  isDiscretized = false,
  tone = "decision",
  isDrawn = true,
}: DecisionMapCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sourceRef = useRef<{ canvas: HTMLCanvasElement; image: ImageData } | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!isDrawn || !canvas) return;
    const context = canvas.getContext("2d");
    if (!context) return;
    const scale = window.devicePixelRatio || 1;
    const pixels = Math.round(size * scale);
    if (canvas.width !== pixels) {
      canvas.width = pixels;
      canvas.height = pixels;
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    if (map) {
      let source = sourceRef.current;
      if (!source || source.image.width !== resolution) {
        const sourceCanvas = document.createElement("canvas");
        sourceCanvas.width = resolution;
        sourceCanvas.height = resolution;
        source = { canvas: sourceCanvas, image: new ImageData(resolution, resolution) };
        sourceRef.current = source;
      }
      paintMap(map, source.image, isDiscretized, 0, tone);
      source.canvas.getContext("2d")?.putImageData(source.image, 0, 0);
      context.imageSmoothingEnabled = true;
      context.drawImage(source.canvas, 0, 0, pixels, pixels);
    } else {
      context.fillStyle = "#f8fafc";
      context.fillRect(0, 0, pixels, pixels);
    }
    if (line) strokeSegment(context, line, extent, pixels, decisionLineStroke(pixels));
    if (points) drawPoints(context, points, extent, pixels);
    if (lines && lines.length > 0) drawLines(context, lines, extent, pixels, scale);
  }, [map, resolution, extent, points, line, size, lines, isDiscretized, tone, isDrawn]);

  return (
    <canvas ref={canvasRef} role="img" aria-label={label} style={{ width: size, height: size }} className={className} />
  );
}

/** How one segment is stroked: a dark ink line on a white halo, readable over warm, cool and pale alike. */
type Stroke = { readonly ink: string; readonly width: number; readonly haloWidth: number };

/** The one line painter: the decision line and the units' lines differ only in their stroke. */
function strokeSegment(
  context: CanvasRenderingContext2D,
  [x0, y0, x1, y1]: Segment,
  extent: number,
  pixels: number,
  { ink, width, haloWidth }: Stroke,
): void {
  const toPixel = (value: number) => ((value + extent) / (2 * extent)) * pixels;
  context.lineCap = "round";
  context.beginPath();
  context.moveTo(toPixel(x0), pixels - toPixel(y0));
  context.lineTo(toPixel(x1), pixels - toPixel(y1));
  context.strokeStyle = LINE_STYLE.halo;
  context.lineWidth = haloWidth;
  context.stroke();
  context.strokeStyle = ink;
  context.lineWidth = width;
  context.stroke();
}

/** The linear net's decision line: scaled with the canvas so it reads on a 240 px tile and a projector alike. */
function decisionLineStroke(pixels: number): Stroke {
  const width = Math.max(2, pixels / 150);
  return { ink: LINE_STYLE.ink, width, haloWidth: width * 2.5 };
}

/** A unit's line, in CSS px so that the overlay of many lines stays thin; the highlighted one bold. */
function unitLineStroke(isHighlighted: boolean, scale: number): Stroke {
  const width = (isHighlighted ? HIGHLIGHT_WIDTH_PX : LINE_WIDTH_PX) * scale;
  return { ink: isHighlighted ? LINE_STYLE.ink : LINE_INK, width, haloWidth: width + 2 * scale };
}

function drawPoints(context: CanvasRenderingContext2D, points: MapPoints, extent: number, pixels: number): void {
  const radius = Math.max(2, pixels / 110);
  const toPixel = (value: number) => ((value + extent) / (2 * extent)) * pixels;
  context.lineWidth = Math.max(1, radius / 2.5);
  context.strokeStyle = POINT_STYLE.outline;
  for (let i = 0; i < points.ys.length; i++) {
    const x = toPixel(points.xs[2 * i]!);
    const y = pixels - toPixel(points.xs[2 * i + 1]!);
    context.beginPath();
    if (points.ys[i] === 1) {
      context.fillStyle = POINT_STYLE.warm;
      context.arc(x, y, radius, 0, 2 * Math.PI);
    } else {
      context.fillStyle = POINT_STYLE.cool;
      context.rect(x - radius, y - radius, 2 * radius, 2 * radius);
    }
    context.fill();
    context.stroke();
  }
}

/** Highlighted lines last, so they are on top. */
function drawLines(
  context: CanvasRenderingContext2D,
  lines: readonly MapLine[],
  extent: number,
  pixels: number,
  scale: number,
): void {
  const ordered = [...lines].sort((a, b) => Number(a.isHighlighted) - Number(b.isHighlighted));
  for (const { segment, isHighlighted } of ordered) {
    strokeSegment(context, segment, extent, pixels, unitLineStroke(isHighlighted, scale));
  }
}
