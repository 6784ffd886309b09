/**
 * The hub's challenge desk on its own: a verdict reaches the board only once its store
 * resolved, a finish whose write failed is not judged (its resend is), a resent finish is judged
 * once, and boards go to the teachers on the tick, not per verdict.
 */
import { describe, expect, it } from "vitest";
import type { ChallengeEntry } from "@/lib/classroom/challenge";
import type { Challenge, ChallengeBoard } from "@/lib/protocol";
import type { FinishedRun } from "@/server/realtime/class-room";
import type { ChallengeServices } from "@/server/realtime/hub-types";
import { createChallengeDesk } from "@/server/realtime/room-challenge";
import { createLocalDelivery, ROOM_NAME } from "@/server/realtime/room-delivery";
import type { RoomSocket } from "@/server/realtime/room-socket";

const CHALLENGE: Challenge = {
  id: "c1",
  setAt: 1,
  spec: {
    dataset: "xor",
    noise: 0.25,
    dataSeed: 42,
    minAccuracy: 0.9,
    maxHidden: 4,
    maxSteps: null,
    optimizers: ["sgd"],
  },
};

function record(runId: string): FinishedRun {
  return { classId: "class", participantId: `p-${runId}`, runId } as FinishedRun;
}

function entry(runId: string): ChallengeEntry {
  return {
    runId,
    participantId: `p-${runId}`,
    verdict: "verified",
    reasons: [],
    hidden: 2,
    parameterCount: 9,
    steps: 500,
    accuracy: 1,
    finishedAt: 5,
  };
}

function setup(unjudged: FinishedRun[] = []) {
  const judging = new Map<string, (entry: ChallengeEntry) => void>();
  let judged = 0;
  const services: ChallengeServices = {
    store: async () => CHALLENGE,
    judge: (_challenge, finished) => {
      judged++;
      return new Promise((resolve) => judging.set(finished.runId, resolve));
    },
  };
  const delivery = createLocalDelivery();
  const boards: ChallengeBoard[] = [];
  const teacher: RoomSocket = {
    id: "t",
    isOpen: true,
    emit: ((event: string, board: ChallengeBoard) => {
      if (event === "challenge:board") boards.push(board);
    }) as RoomSocket["emit"],
    disconnect() {},
  };
  delivery.join(teacher, ROOM_NAME.teachers("class"));
  const desk = createChallengeDesk({ services, delivery });
  desk.open("class", { challenge: CHALLENGE, entries: [], unjudged });
  return { desk, judging, boards, judgedCount: () => judged };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createChallengeDesk", () => {
  it("shows a verdict only once stored, and sends boards on the tick", async () => {
    const { desk, judging, boards } = setup();
    const hooks = desk.wrapHooks({ onRunFinished: async () => ({ ok: true }) });
    void hooks.onRunFinished?.(record("a"));
    await settle();
    desk.flush("class", () => true);
    expect(boards.at(-1)).toMatchObject({ pending: 1, judged: 0, ranked: [] });
    desk.flush("class", () => true);
    expect(boards).toHaveLength(1);
    judging.get("a")?.(entry("a"));
    await settle();
    desk.flush("class", () => true);
    expect(boards.at(-1)).toMatchObject({ pending: 0, judged: 1 });
    expect(boards.at(-1)?.ranked.map((row) => row.runId)).toEqual(["a"]);
    // A removed student's run leaves the board.
    expect(desk.board("class", () => false)?.ranked).toEqual([]);
  });

  it("does not judge a finish whose write failed, and judges its resend once", async () => {
    const { desk, judgedCount } = setup();
    let outcome: { ok: true } | { ok: false; error: { code: "STORAGE_UNAVAILABLE"; message: string } } = {
      ok: false,
      error: { code: "STORAGE_UNAVAILABLE", message: "later" },
    };
    const hooks = desk.wrapHooks({ onRunFinished: async () => outcome });
    void hooks.onRunFinished?.(record("b"));
    await settle();
    await settle();
    expect(judgedCount()).toBe(0);
    outcome = { ok: true };
    void hooks.onRunFinished?.(record("b"));
    void hooks.onRunFinished?.(record("b"));
    await settle();
    await settle();
    expect(judgedCount()).toBe(1);
  });

  it("judges again, on opening, the durable finishes that have no verdict yet (lost with the last process)", async () => {
    const { desk, judging, judgedCount } = setup([record("d")]);
    await settle();
    expect(judgedCount()).toBe(1);
    judging.get("d")?.(entry("d"));
    await settle();
    expect(desk.board("class")?.ranked.map((row) => row.runId)).toEqual(["d"]);
  });

  it("judges nothing while no challenge is open", async () => {
    const { desk, judgedCount } = setup();
    desk.forget("class");
    desk.open("class");
    const hooks = desk.wrapHooks({});
    void hooks.onRunFinished?.(record("c"));
    await settle();
    expect(judgedCount()).toBe(0);
  });
});
