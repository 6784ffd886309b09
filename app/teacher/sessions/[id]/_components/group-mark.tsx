import { groupStyle } from "@/lib/classroom/groups";

/**
 * A group's shape in its colour (A circle, B square, C triangle, D diamond), as the scatter draws
 * it: beside the group's name in words, so colour is never the only signal.
 */
export function GroupMark({ index, color = groupStyle(index).color }: { index: number; color?: string }) {
  const shape = groupStyle(index).shape;
  return (
    <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12" className="inline-block align-[-1px]">
      {shape === "circle" ? <circle cx="6" cy="6" r="5" fill={color} /> : null}
      {shape === "square" ? <rect x="1" y="1" width="10" height="10" fill={color} /> : null}
      {shape === "triangle" ? <polygon points="6,1 11,11 1,11" fill={color} /> : null}
      {shape === "diamond" ? <polygon points="6,0 12,6 6,12 0,6" fill={color} /> : null}
    </svg>
  );
}
