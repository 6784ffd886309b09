/**
 * The student's unsent form edits, kept per class and participant in localStorage, so a reload
 * keeps a value typed but not yet trained with. A draft belongs to one reset generation and one
 * lesson step: after "Apply to everyone" or a move to another step it no longer applies.
 */
import { studentChoiceSchema } from "@/lib/classroom/settings";
import { z } from "@/lib/zod";
import { storedJson } from "../../_components/stored-json";

const KEY_PREFIX = "mlp-classroom:form:";

const draftSchema = z.object({
  generation: z.int().min(0),
  lessonStep: z.int().min(0).nullable(),
  choice: studentChoiceSchema,
});
/** One kept draft. */
export type FormDraft = z.output<typeof draftSchema>;

const store = storedJson(KEY_PREFIX, draftSchema);
const keyOf = (code: string, participantId: string) => `${code}:${participantId}`;

/** The draft for this class and participant if it belongs to `generation` and `lessonStep`, else null. */
export function loadFormDraft(
  code: string,
  participantId: string,
  generation: number,
  lessonStep: number | null,
): FormDraft["choice"] | null {
  const draft = store.load(keyOf(code, participantId));
  return draft && draft.generation === generation && draft.lessonStep === lessonStep ? draft.choice : null;
}

/** Keeps the form's values; blocked storage only loses them on a reload. */
export function saveFormDraft(code: string, participantId: string, draft: FormDraft): void {
  store.save(keyOf(code, participantId), draft);
}
