"use client";

import { type KeyboardEvent, type MouseEvent, type PointerEvent, type ReactNode, useRef, useState } from "react";
import type { PointEditRequest } from "@/lib/training";

/** A long press removes on phones: long enough not to fire on a tap, short enough not to feel stuck. */
const LONG_PRESS_MS = 500;
/** Arrow keys move the keyboard cursor by this many data units (a tenth of a grid unit). */
const CURSOR_STEP = 0.1;

type PointEditorProps = {
  /** The map's side in CSS px and the plot's half-width in data units. */
  size: number;
  extent: number;
  /** The teacher allows it and a run is on. */
  isEnabled: boolean;
  /** Why not, shown instead of the hint while disabled. */
  disabledReason: string;
  editCount: number;
  onEdit: (edit: PointEditRequest) => void;
  children: ReactNode;
};

/**
 * Points added on the map while training (ConvNetJS's demo): click = class 1, Shift+click =
 * class 0, right-click or Alt+click removes the nearest; on phones a touch mode (pick the class,
 * tap to add, long-press to remove); by keyboard, arrows move a cursor, 1 / 0 add there, Delete
 * removes the nearest. "Reset data" brings the class's points back.
 */
export function PointEditor({
  size,
  extent,
  isEnabled,
  disabledReason,
  editCount,
  onEdit,
  children,
}: PointEditorProps) {
  const [isTouchMode, setIsTouchMode] = useState(false);
  const [touchLabel, setTouchLabel] = useState<0 | 1>(1);
  const [cursor, setCursor] = useState<[number, number] | null>(null);
  const pressRef = useRef<{ timer: ReturnType<typeof setTimeout>; isLong: boolean } | null>(null);

  const toData = (event: { clientX: number; clientY: number; currentTarget: Element }): [number, number] => {
    const box = event.currentTarget.getBoundingClientRect();
    const clamp = (v: number) => Math.max(-extent, Math.min(extent, v));
    const x = -extent + ((event.clientX - box.left) / box.width) * 2 * extent;
    const y = extent - ((event.clientY - box.top) / box.height) * 2 * extent;
    return [clamp(x), clamp(y)];
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!isEnabled || isTouchMode) return;
    const [x, y] = toData(event);
    if (event.altKey) onEdit({ op: "remove", x, y });
    else onEdit({ op: "add", x, y, label: event.shiftKey ? 0 : 1 });
  };
  const onContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    if (!isEnabled) return;
    event.preventDefault();
    const [x, y] = toData(event);
    onEdit({ op: "remove", x, y });
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!isEnabled || !isTouchMode) return;
    const at = toData(event);
    const press = {
      isLong: false,
      timer: setTimeout(() => {
        press.isLong = true;
        onEdit({ op: "remove", x: at[0], y: at[1] });
      }, LONG_PRESS_MS),
    };
    pressRef.current = press;
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const press = pressRef.current;
    pressRef.current = null;
    if (!press || !isEnabled || !isTouchMode) return;
    clearTimeout(press.timer);
    if (press.isLong) return;
    const [x, y] = toData(event);
    onEdit({ op: "add", x, y, label: touchLabel });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!isEnabled) return;
    const [cx, cy] = cursor ?? [0, 0];
    const move = (dx: number, dy: number) => {
      event.preventDefault();
      const clamp = (v: number) => Math.round(Math.max(-extent, Math.min(extent, v)) * 10) / 10;
      setCursor([clamp(cx + dx), clamp(cy + dy)]);
    };
    switch (event.key) {
      case "ArrowLeft":
        return move(-CURSOR_STEP, 0);
      case "ArrowRight":
        return move(CURSOR_STEP, 0);
      case "ArrowUp":
        return move(0, CURSOR_STEP);
      case "ArrowDown":
        return move(0, -CURSOR_STEP);
      case "1":
      case "0":
        event.preventDefault();
        return onEdit({ op: "add", x: cx, y: cy, label: event.key === "1" ? 1 : 0 });
      case "Delete":
      case "Backspace":
        event.preventDefault();
        return onEdit({ op: "remove", x: cx, y: cy });
    }
  };
  const [cx, cy] = cursor ?? [0, 0];
  const cursorStyle = {
    left: ((cx + extent) / (2 * extent)) * size - 6,
    top: ((extent - cy) / (2 * extent)) * size - 6,
  };

  return (
    <div>
      {/* The map itself is the editing surface: focusable, with its keys described below it. */}
      <div
        role="application"
        aria-label="Your map: add points"
        aria-describedby="point-editor-help"
        tabIndex={isEnabled ? 0 : -1}
        className={`relative ${isEnabled ? "cursor-crosshair" : ""} rounded-lg focus-visible:ring-4 focus-visible:ring-slate-900`}
        style={{ width: size, height: size, touchAction: isTouchMode && isEnabled ? "none" : "auto" }}
        data-testid="point-editor"
        data-enabled={isEnabled}
        onClick={onClick}
        onContextMenu={onContextMenu}
        onPointerDown={onPointerDown}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          if (pressRef.current) clearTimeout(pressRef.current.timer);
          pressRef.current = null;
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setCursor((previous) => previous ?? [0, 0])}
      >
        {children}
        {cursor && isEnabled ? (
          <span
            aria-hidden="true"
            className="pointer-events-none absolute size-3 rounded-full border-2 border-slate-900 bg-white/70"
            style={cursorStyle}
          />
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <p id="point-editor-help" className="w-full text-slate-700">
          {isEnabled
            ? isTouchMode
              ? "Tap to add a point of the chosen class; press and hold to remove the nearest."
              : "Click: class 1 · Shift+click: class 0 · right-click or Alt+click: remove the nearest. Keys: arrows move the cursor, 1 / 0 add, Delete removes."
            : disabledReason}
          {cursor && isEnabled ? ` Cursor at (${cx.toFixed(1)}, ${cy.toFixed(1)}).` : ""}
        </p>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={isTouchMode} onChange={(event) => setIsTouchMode(event.target.checked)} />
          Touch mode
        </label>
        {isTouchMode ? (
          <fieldset className="flex items-center gap-3">
            <legend className="sr-only">Class of new points</legend>
            {([1, 0] as const).map((label) => (
              <label key={label} className="flex items-center gap-1">
                <input
                  type="radio"
                  name="touch-label"
                  checked={touchLabel === label}
                  onChange={() => setTouchLabel(label)}
                />
                class {label} {label === 1 ? "●" : "■"}
              </label>
            ))}
          </fieldset>
        ) : null}
        <button
          type="button"
          className="btn-secondary px-2 py-1"
          disabled={!isEnabled || editCount === 0}
          onClick={() => onEdit({ op: "reset" })}
        >
          Reset data
        </button>
        {editCount > 0 ? (
          <span className="font-semibold text-amber-800" data-testid="edited-data" aria-live="polite">
            ✎ edited data ({editCount} {editCount === 1 ? "edit" : "edits"})
          </span>
        ) : null}
      </div>
    </div>
  );
}
