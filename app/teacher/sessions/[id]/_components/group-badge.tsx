import { groupLetter } from "@/lib/classroom/groups";
import { GroupMark } from "./group-mark";

/** "Group A" beside the group's shape in its colour: on a tile in a group experiment. */
export function GroupBadge({ index }: { index: number }) {
  return (
    <span className="text-sm font-semibold text-slate-800" data-testid="group-badge">
      <GroupMark index={index} /> Group {groupLetter(index)}
    </span>
  );
}
