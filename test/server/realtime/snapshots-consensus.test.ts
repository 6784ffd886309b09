/**
 * Snapshots and the class consensus over real sockets and a real database (issue 16): a snapshot
 * is stored before its ack and reaches every teacher's tray with its map; order, label and removal
 * are stored; bad commands change nothing; the projector's compare view travels in the class
 * state; a reopened class reads its tray back; anonymize renames the tray. The consensus averages
 * the students' maps, at most once a second, only while a teacher watches.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  type ClassState,
  MAP_BYTES,
  MAX_TRAY_SNAPSHOTS,
  type TeacherConsensus,
  type TeacherFrame,
  type TeacherTray,
  teacherConsensusSchema,
  teacherTraySchema,
  validate,
} from "@/lib/protocol";
import {
  collect,
  createTeacherWithClass,
  joinStudent,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";

const live = useRealtimeServer();
/**
 * Each test's sockets close after it: with teachers of two sign-ins connected at once the sign-in
 * watch's query fails (Prisma 7 08P01 "bind message supplies 3 parameters", reported to the lead).
 */
const opened: { disconnect(): void }[] = [];
async function open(...args: Parameters<typeof live.server.open>) {
  const client = await live.server.open(...args);
  opened.push(client.socket);
  return client;
}
afterEach(async () => {
  for (const socket of opened.splice(0)) socket.disconnect();
  await wait(50);
});
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const filled = (byte: number) => new Uint8Array(MAP_BYTES).fill(byte);

function trays(raw: unknown[]): TeacherTray[] {
  return raw.map((tray) => {
    const parsed = validate(teacherTraySchema, tray);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.data;
  });
}

/** A student in the class with a run and a map of `byte` everywhere. */
async function studentWithMap(joinCode: string, nickname: string, byte: number) {
  const joined = await joinStudent(live.db, joinCode, nickname);
  const socket = (await open(studentAuth(joined.token))).socket;
  const run = await socket.emitWithAck("run:start", { choice: {} });
  if (!run.ok) throw new Error("run:start refused");
  // A snapshot mid-run asks for the weights (snapshot-weights.test.ts): this page has none to give.
  socket.on("network:request", ({ requestId }: { requestId: string }) =>
    socket.emit("network:answer", { requestId, runId: run.runId, step: 0, weights: null }),
  );
  socket.emit("progress:update", {
    runId: run.runId,
    step: 10,
    accuracy: 0.5,
    points: [[10, 0.69]],
    map: filled(byte),
  });
  return { ...joined, socket, runId: run.runId as string };
}

describe("snapshots over socket.io", () => {
  it("stores a snapshot before its ack, sends the tray in order, and stores moves, labels and removals", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = (await open(teacherAuth(owner.classId), owner.cookie)).socket;
    const projector = (await open(teacherAuth(owner.classId), owner.cookie)).socket;
    const projectorTrays = collect<unknown>(projector, "teacher:tray");
    const ada = await studentWithMap(owner.joinCode, "Ada", 220);
    const grace = await studentWithMap(owner.joinCode, "Grace", 30);
    await until(async () => {
      const room = live.server.realtime.hub.getRoom(owner.classId);
      return room?.snapshotSource(grace.participantId)?.map !== null;
    }, "Grace's map in the room");

    const first = await teacher.emitWithAck("snapshot:control", { type: "take", participantId: ada.participantId });
    expect(first).toMatchObject({ ok: true, weights: "none" });
    // Durable at the ack: the row is there with the tile's content.
    const row = await live.db.snapshot.findUniqueOrThrow({ where: { id: first.snapshotId } });
    expect(row).toMatchObject({ classSessionId: owner.classId, participantId: ada.participantId, runId: ada.runId });
    expect(row.map?.[0]).toBe(220);
    expect(row.curve).toEqual([[10, 0.69]]);
    const second = await teacher.emitWithAck("snapshot:control", {
      type: "take",
      participantId: grace.participantId,
      label: "  sigmoid  ",
    });
    expect(second.ok).toBe(true);
    await until(() => trays(projectorTrays).at(-1)?.snapshots.length === 2, "both snapshots in the projector's tray");
    let tray = trays(projectorTrays).at(-1);
    expect(tray?.snapshots.map((s) => [s.name, s.label, s.map?.[5]])).toEqual([
      ["Ada", "", 220],
      ["Grace", "sigmoid", 30],
    ]);

    // Grace up: stored order swaps.
    expect(
      await teacher.emitWithAck("snapshot:control", { type: "move", snapshotId: second.snapshotId, direction: "up" }),
    ).toEqual({ ok: true });
    const orders = await live.db.snapshot.findMany({
      where: { classSessionId: owner.classId },
      orderBy: { order: "asc" },
    });
    expect(orders.map((s) => s.id)).toEqual([second.snapshotId, first.snapshotId]);
    await until(
      () => trays(projectorTrays).at(-1)?.snapshots[0]?.id === second.snapshotId,
      "the new order in the tray",
    );
    // Already first: nothing moves.
    expect(
      await teacher.emitWithAck("snapshot:control", { type: "move", snapshotId: second.snapshotId, direction: "up" }),
    ).toEqual({ ok: true });

    expect(
      await teacher.emitWithAck("snapshot:control", { type: "relabel", snapshotId: first.snapshotId, label: "relu" }),
    ).toEqual({ ok: true });
    expect((await live.db.snapshot.findUniqueOrThrow({ where: { id: first.snapshotId } })).label).toBe("relu");

    // Show both, frozen: the class state carries it to the projector.
    const frames = collect<TeacherFrame & { class?: ClassState }>(projector, "teacher:frame");
    const shown = await teacher.emitWithAck("snapshot:control", {
      type: "show",
      snapshotIds: [second.snapshotId, first.snapshotId],
      isLive: false,
    });
    expect(shown).toEqual({ ok: true });
    // Stored with the class by the ack: a restart shows the same.
    expect(
      await live.db.classSession.findUniqueOrThrow({
        where: { id: owner.classId },
        select: { projectorCompare: true, isConsensusShown: true },
      }),
    ).toEqual({
      projectorCompare: { snapshotIds: [second.snapshotId, first.snapshotId], isLive: false },
      isConsensusShown: false,
    });
    await until(
      () => frames.some((frame) => frame.class?.compare?.snapshotIds.length === 2),
      "compare in the class state",
    );

    // Removing a shown snapshot leaves one: the compare view goes, the row goes.
    expect(await teacher.emitWithAck("snapshot:control", { type: "remove", snapshotId: first.snapshotId })).toEqual({
      ok: true,
    });
    expect(await live.db.snapshot.count({ where: { classSessionId: owner.classId } })).toBe(1);
    expect(
      (await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } })).projectorCompare,
    ).toBeNull();
    await until(
      () => frames.some((frame) => frame.class !== undefined && frame.class.compare === null),
      "compare cleared",
    );
    tray = trays(projectorTrays).at(-1);
    expect(tray?.snapshots.map((s) => s.id)).toEqual([second.snapshotId]);
  });

  it("refuses bad commands and changes nothing", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = (await open(teacherAuth(owner.classId), owner.cookie)).socket;
    const ada = await studentWithMap(owner.joinCode, "Ada", 200);
    const bad = [
      { type: "take" },
      { type: "take", participantId: ada.participantId, label: "x".repeat(81) },
      { type: "move", snapshotId: "s", direction: "sideways" },
      { type: "show", snapshotIds: ["a"], isLive: true },
      { type: "show", snapshotIds: ["a", "a"], isLive: true },
      { type: "show", snapshotIds: ["a", "b", "c", "d", "e"], isLive: true },
      { type: "explode" },
    ];
    for (const payload of bad) {
      const ack = await teacher.emitWithAck("snapshot:control", payload);
      expect(ack).toMatchObject({ ok: false, error: { code: "INVALID_PAYLOAD" } });
    }
    expect(await teacher.emitWithAck("snapshot:control", { type: "take", participantId: "nobody" })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect(
      await teacher.emitWithAck("snapshot:control", { type: "show", snapshotIds: ["a", "b"], isLive: true }),
    ).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    // A student may not send it.
    expect(
      await ada.socket.emitWithAck("snapshot:control", { type: "take", participantId: ada.participantId }),
    ).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await live.db.snapshot.count({ where: { classSessionId: owner.classId } })).toBe(0);
  });

  it("caps the tray, reads it and the projector's view back after the class reopens, and hides names when anonymized", async () => {
    const owner = await createTeacherWithClass(live.db);
    const connected = await open(teacherAuth(owner.classId), owner.cookie);
    const teacher = connected.socket;
    const collectedTrays = connected.trays;
    const ada = await studentWithMap(owner.joinCode, "Ada", 200);
    for (let i = 0; i < MAX_TRAY_SNAPSHOTS; i++) {
      const ack = await teacher.emitWithAck("snapshot:control", { type: "take", participantId: ada.participantId });
      expect(ack.ok).toBe(true);
    }
    const full = await teacher.emitWithAck("snapshot:control", { type: "take", participantId: ada.participantId });
    expect(full).toMatchObject({ ok: false, error: { code: "INVALID_PAYLOAD" } });
    expect(await live.db.snapshot.count({ where: { classSessionId: owner.classId } })).toBe(MAX_TRAY_SNAPSHOTS);

    // The projector compares two of them with the consensus on: stored with the class.
    const [a, b] =
      trays(collectedTrays)
        .at(-1)
        ?.snapshots.map((snapshot) => snapshot.id) ?? [];
    const view = { snapshotIds: [b, a], isLive: true };
    expect(await teacher.emitWithAck("snapshot:control", { type: "show", ...view })).toEqual({ ok: true });
    expect(await teacher.emitWithAck("snapshot:control", { type: "consensus", isShown: true })).toEqual({ ok: true });

    // The class leaves memory (another process took it, a restart): a new teacher gets the stored tray.
    live.server.realtime.hub.dropRoom(owner.classId);
    const again = await open(teacherAuth(owner.classId), owner.cookie);
    const reopened = again.trays;
    await until(() => reopened.length > 0, "the tray after reopening");
    expect(trays(reopened)[0]?.snapshots).toHaveLength(MAX_TRAY_SNAPSHOTS);
    // And the projector shows the same comparison and the consensus again.
    expect(again.snapshots[0]?.class).toMatchObject({ compare: view, isConsensusShown: true });
    expect(trays(reopened)[0]?.snapshots[0]).toMatchObject({ name: "Ada", participantId: ada.participantId });

    const anonymized = await again.socket.emitWithAck("class:control", { type: "anonymize", isAnonymized: true });
    expect(anonymized.ok).toBe(true);
    await until(() => trays(reopened).at(-1)?.snapshots[0]?.name === "Student 1", "anonymous names in the tray");
  });
});

describe("class consensus over socket.io", () => {
  it("averages the class's maps for watching teachers, at most once a second", async () => {
    const owner = await createTeacherWithClass(live.db);
    await studentWithMap(owner.joinCode, "Ada", 255);
    await studentWithMap(owner.joinCode, "Grace", 0);
    // The helper collects from the moment the socket exists: one attached after `open` resolved could
    // miss a consensus sent right after the snapshot, and an unchanged consensus is not sent again.
    const received: unknown[] = (await open(teacherAuth(owner.classId), owner.cookie)).consensuses;
    // The students' maps travel without an ack, so an early consensus may count fewer of them.
    const withCount = (count: number) => received.find((raw) => (raw as TeacherConsensus).count === count);
    await until(() => withCount(2) !== undefined, "a consensus of both maps", 10_000);
    const parsed = validate(teacherConsensusSchema, withCount(2));
    expect(parsed.ok).toBe(true);
    const consensus = (parsed.ok ? parsed.data : null) as TeacherConsensus;
    expect(consensus.mean[0]).toBe(128);
    // One says class 1, one class 0 everywhere: full disagreement.
    expect(consensus.disagreement[0]).toBe(255);

    // A third student joins the majority: the next consensus follows, each at least a second apart.
    await studentWithMap(owner.joinCode, "Linus", 255);
    await until(() => withCount(3) !== undefined, "the consensus of three maps", 10_000);
    const times = received.map((raw) => (raw as TeacherConsensus).t);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
    const third = withCount(3) as TeacherConsensus;
    expect(new Uint8Array(third.mean)[0]).toBe(170);
    // Nothing changes: nothing more is sent.
    const count = received.length;
    await wait(2200);
    expect(received.length).toBe(count);
  });

  it("greets a teacher who connects with the latest consensus at once", async () => {
    const owner = await createTeacherWithClass(live.db);
    await studentWithMap(owner.joinCode, "Ada", 255);
    const first = await open(teacherAuth(owner.classId), owner.cookie);
    await until(() => first.consensuses.length > 0, "a consensus for the first teacher", 4000);
    // Nothing changes from here on, so nothing is broadcast: only the greeting can bring it.
    const late = await open(teacherAuth(owner.classId), owner.cookie);
    await until(() => late.consensuses.length > 0, "the latest at the late teacher", 300);
    expect(late.consensuses[0]).toMatchObject({ count: 1 });
    expect(first.consensuses).toHaveLength(1);
  });
});
