"use client";

import { useEffect, useRef } from "react";
import type { Segment, UnitState } from "@/lib/ml/nn";
import { paintMap } from "../charts/map-palette";

type UnitMapCanvasProps = {
  /** The strip of unit maps (lib/ml/nn unitMaps) and where this unit's starts. */
  maps: Uint8Array;
  offset: number;
  resolution: number;
  extent: number;
  /** The unit's line w·x + b = 0 inside the plot, or null when it misses it. */
  segment: Segment | null;
  state: UnitState;
  /** CSS px per side. */
  size: number;
};

/** A dead or saturated unit's map is washed grey: it no longer changes with the data. */
const STUCK_WASH = "rgba(100, 116, 139, 0.55)";
const LINE_INK = "rgb(15, 23, 42)";

/** One unit's thumbnail: where it pushes the output (warm towards class 1, cool towards 0) and its line. */
export function UnitMapCanvas({ maps, offset, resolution, extent, segment, state, size }: UnitMapCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sourceRef = useRef<{ canvas: HTMLCanvasElement; image: ImageData } | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const scale = window.devicePixelRatio || 1;
    const pixels = Math.round(size * scale);
    if (canvas.width !== pixels) {
      canvas.width = pixels;
      canvas.height = pixels;
    }
    let source = sourceRef.current;
    if (!source || source.image.width !== resolution) {
      const sourceCanvas = document.createElement("canvas");
      sourceCanvas.width = resolution;
      sourceCanvas.height = resolution;
      source = { canvas: sourceCanvas, image: new ImageData(resolution, resolution) };
      sourceRef.current = source;
    }
    paintMap(maps, source.image, false, offset);
    source.canvas.getContext("2d")?.putImageData(source.image, 0, 0);
    context.imageSmoothingEnabled = true;
    context.drawImage(source.canvas, 0, 0, pixels, pixels);
    if (state !== "alive") {
      context.fillStyle = STUCK_WASH;
      context.fillRect(0, 0, pixels, pixels);
    }
    if (segment) {
      const toPixel = (value: number) => ((value + extent) / (2 * extent)) * pixels;
      context.beginPath();
      context.moveTo(toPixel(segment[0]), pixels - toPixel(segment[1]));
      context.lineTo(toPixel(segment[2]), pixels - toPixel(segment[3]));
      context.strokeStyle = LINE_INK;
      context.lineWidth = 1.5 * scale;
      context.stroke();
    }
  }, [maps, offset, resolution, extent, segment, state, size]);

  return <canvas ref={canvasRef} style={{ width: size, height: size }} className="block" />;
}
