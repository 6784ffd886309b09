/**
 * Issue 11 hole 1: a cell:check (or any string) holding NUL or a lone surrogate used to be acked
 * and then refused by PostgreSQL, taking honest students' acked checks down with it. Now it is
 * refused at the boundary, before the ack, and the honest checks of the same second are stored.
 */
import { describe, expect, it } from "vitest";
import { defaultSessionSettings } from "@/lib/classroom/settings";
import { AppError } from "@/server/errors";
import { createLesson } from "@/server/lessons/create-lesson";
import { saveLesson } from "@/server/lessons/save-lesson";
import { updateSessionNotes } from "@/server/review/update-session-notes";
import { createSession } from "@/server/sessions/create-session";
import { findOwnedSession } from "@/server/sessions/find-owned-session";
import { createTeacherWithClass, joinStudent, studentAuth, useRealtimeServer } from "../../helpers/realtime";

const live = useRealtimeServer();

const UNSTORABLE = ["print('x')\u0000", "\u0000", "half \uD83D pair", "\uDE00"];

describe("text PostgreSQL cannot store, over real sockets", () => {
  it("refuses a cell:check whose code or error holds NUL or a lone surrogate; the honest check beside it is stored", async () => {
    const owner = await createTeacherWithClass(live.db);
    const mallory = await live.server.open(studentAuth((await joinStudent(live.db, owner.joinCode, "Mallory")).token));
    const honestJoin = await joinStudent(live.db, owner.joinCode, "Grace");
    const honest = await live.server.open(studentAuth(honestJoin.token));

    for (const text of UNSTORABLE) {
      for (const field of ["code", "error"] as const) {
        const answer = await mallory.socket.emitWithAck("cell:check", { cell: 1, isPassed: false, [field]: text });
        expect(answer, `${field}: ${JSON.stringify(text)}`).toMatchObject({
          ok: false,
          error: { code: "INVALID_PAYLOAD" },
        });
      }
    }
    const acked = await honest.socket.emitWithAck("cell:check", { cell: 1, isPassed: true, code: "def f(): pass" });
    expect(acked).toMatchObject({ ok: true, result: { cell: 1, isPassed: true, attempts: 1 } });
    await live.server.persistence.flush();

    const stored = await live.db.cellCheck.findMany({
      where: { participant: { classSessionId: owner.classId } },
      select: { participantId: true, code: true, isPassed: true },
    });
    expect(stored).toEqual([{ participantId: honestJoin.participantId, code: "def f(): pass", isPassed: true }]);
    expect(mallory.socket.connected).toBe(true);
  });
});

describe("text PostgreSQL cannot store, in forms and routes", () => {
  it("the notes form refuses NUL with a clear error and keeps the old notes", async () => {
    const owner = await createTeacherWithClass(live.db);
    await updateSessionNotes(live.db, owner.teacherId, { sessionId: owner.classId, notes: "kept" });
    await expect(
      updateSessionNotes(live.db, owner.teacherId, { sessionId: owner.classId, notes: "gone\u0000" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("NUL") });
    const row = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
    expect(row.notes).toBe("kept");
  });

  it("a lesson step (stored in a session's Json snapshot) refuses a lone surrogate and NUL", async () => {
    const owner = await createTeacherWithClass(live.db);
    const { id } = await createLesson(live.db, owner.teacherId);
    const step = { kind: "cell", cell: 1, title: "Cell 1", prompt: "Write the layer" };
    for (const prompt of ["broken \uD800", "nul \u0000"]) {
      const error = await saveLesson(live.db, owner.teacherId, id, {
        title: "Mine",
        steps: [{ ...step, prompt }],
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "INVALID_INPUT", field: "steps.0.prompt" });
    }
  });

  it("a session title with NUL is refused; an id with NUL from a URL is a miss, not a database error", async () => {
    const owner = await createTeacherWithClass(live.db);
    await expect(
      createSession(live.db, owner.teacherId, { title: "XOR\u0000", settings: defaultSessionSettings() }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await findOwnedSession(live.db, owner.teacherId, `${owner.classId}\u0000`)).toBeNull();
  });
});
