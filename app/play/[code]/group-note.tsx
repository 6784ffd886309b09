import { GROUP_KEY_LABELS, groupLabel, type StudentGroup } from "@/lib/classroom/groups";

/**
 * In a group experiment: which group the student is in and what the groups vary, in words. Their
 * form shows the varied setting locked at the group's value.
 */
export function GroupNote({ group }: { group: StudentGroup }) {
  const setting = GROUP_KEY_LABELS[group.key];
  return (
    <p className="rounded-lg border border-sky-300 bg-sky-50 px-3 py-2" data-testid="group-note">
      You are in <strong>{groupLabel(group.key, group.index, group.value)}</strong>. The class is split into{" "}
      {group.count} groups that differ only in the {setting}: yours is fixed, the rest is yours to try.
    </p>
  );
}
