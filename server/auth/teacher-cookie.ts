/**
 * The teacher's sign-in cookie. Opaque: its value is a random token whose hash is a
 * TeacherSession row. Kept apart from the Next helpers so socket code can read it without
 * loading Next's request-scoped modules.
 */
export const TEACHER_COOKIE = "mlp_teacher";
