/**
 * The lesson as the room shows it: to a student (every step's title and prompt, their step, the
 * pacing; never the teacher's notes) and to teachers (notes included). Pure views of the room.
 */
import { type LessonStep, STEP_KIND } from "../../lib/lessons";
import type { StudentLesson, TeacherLesson } from "../../lib/protocol";
import type { Member } from "./room-member";
import type { RoomState } from "./room-state";

function studentStep(step: LessonStep): StudentLesson["steps"][number] {
  return {
    title: step.title,
    prompt: step.prompt,
    kind: step.kind,
    cell: step.kind === STEP_KIND.cell ? step.cell : null,
  };
}

/** The lesson in a student's state, or null without a lesson. */
export function toStudentLesson(state: RoomState, member: Member): StudentLesson | null {
  if (!state.lesson) return null;
  return {
    title: state.lesson.title,
    steps: state.lesson.steps.map(studentStep),
    step: member.lessonStep ?? state.pacing.currentStep,
    pacing: { ...state.pacing },
  };
}

/** The lesson in the teachers' class state, or null without a lesson. */
export function toTeacherLesson(state: RoomState): TeacherLesson | null {
  if (!state.lesson) return null;
  return {
    title: state.lesson.title,
    steps: state.lesson.steps.map((step) => ({
      ...studentStep(step),
      lookFor: step.lookFor,
      discussion: step.discussion,
    })),
    pacing: { ...state.pacing },
  };
}
