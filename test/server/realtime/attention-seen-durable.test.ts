/**
 * A "seen" mark is durable before it takes effect. Real socket.io, real PostgreSQL behind a TCP
 * proxy the test cuts: a mark sent during the cut is not acked ok (STORAGE_UNAVAILABLE past the
 * writer's deadline) and the tile does not show it seen; once the database is back the queued
 * write commits, and only then does the tile show the flag seen.
 */
import type { Socket as ClientSocket } from "socket.io-client";
import { expect, it } from "vitest";
import { STUCK_CELL_ATTEMPTS } from "@/lib/classroom/attention";
import { type TileFlag, teacherFrameSchema } from "@/lib/protocol";
import {
  collect,
  createTeacherWithClass,
  joinStudent,
  studentAuth,
  teacherAuth,
  until,
  useProxiedRealtimeServer,
} from "../../helpers/realtime";

const live = useProxiedRealtimeServer();

function latestFlags(frames: unknown[], participantId: string): TileFlag[] | undefined {
  let flags: TileFlag[] | undefined;
  for (const wire of frames)
    for (const delta of teacherFrameSchema.parse(wire).participants)
      if (delta.id === participantId && delta.flags) flags = delta.flags;
  return flags;
}

async function failChecks(socket: ClientSocket, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    expect(await socket.emitWithAck("cell:check", { cell: 3, isPassed: false, error: "no" })).toMatchObject({
      ok: true,
    });
}

it("shows a mark seen only after it committed: never during a database cut", async () => {
  const owner = await createTeacherWithClass(live.direct);
  const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
  const frames = collect<unknown>(teacher.socket, "teacher:frame");
  const ada = await joinStudent(live.direct, owner.joinCode, "Ada");
  const student = await live.server.open(studentAuth(ada.token));
  await failChecks(student.socket, STUCK_CELL_ATTEMPTS);
  await until(() => latestFlags(frames, ada.participantId)?.[0]?.kind === "stuckCell", "the stuck-cell flag");

  await live.proxy.cut();
  const seen = await teacher.socket.emitWithAck("attention:seen", {
    participantId: ada.participantId,
    kind: "stuckCell",
  });
  expect(seen).toMatchObject({ ok: false, error: { code: "STORAGE_UNAVAILABLE" } });
  // Still not stored, so still not seen on the tile (frames keep flowing: the flag's reason ages).
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(latestFlags(frames, ada.participantId)?.[0]?.isSeen).toBe(false);
  await live.proxy.restore();

  await until(() => latestFlags(frames, ada.participantId)?.[0]?.isSeen === true, "the mark once stored", 20_000);
  expect((await live.direct.participant.findUniqueOrThrow({ where: { id: ada.participantId } })).attentionSeen).toEqual(
    {
      stuckCell: 1,
    },
  );
});
