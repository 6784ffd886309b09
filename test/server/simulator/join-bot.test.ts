import { describe, expect, it } from "vitest";
import { type Fetch, JOIN_NETWORK_ATTEMPTS, JoinError, joinClassOverHttp } from "@/server/simulator/join-bot";

const TOKEN = "t".repeat(43);

/** A fake /api/join: answers from `answers` in order and records what was asked. */
function fakeJoin(answers: unknown[]): { fetch: Fetch; asked: unknown[] } {
  const asked: unknown[] = [];
  const fetch: Fetch = async (_url, init) => {
    asked.push(JSON.parse(String(init.body)));
    return Response.json(answers.shift() ?? { ok: false, error: { code: "NOT_FOUND", message: "none" } });
  };
  return { fetch, asked };
}

describe("joinClassOverHttp", () => {
  it("keeps the token and ids of a successful join", async () => {
    const { fetch, asked } = fakeJoin([{ ok: true, classId: "c1", participantId: "p1", token: TOKEN }]);
    expect(await joinClassOverHttp("http://x", "ABC234", "Bot 1", fetch)).toEqual({
      classId: "c1",
      participantId: "p1",
      token: TOKEN,
      nickname: "Bot 1",
    });
    expect(asked).toEqual([{ code: "ABC234", nickname: "Bot 1" }]);
  });

  it("takes the suggested nickname on a clash", async () => {
    const { fetch, asked } = fakeJoin([
      { ok: false, error: { code: "NICKNAME_TAKEN", message: "taken" }, suggestion: "Bot 1 2" },
      { ok: true, classId: "c1", participantId: "p2", token: TOKEN },
    ]);
    const joined = await joinClassOverHttp("http://x", "ABC234", "Bot 1", fetch);
    expect(joined.nickname).toBe("Bot 1 2");
    expect(asked).toEqual([
      { code: "ABC234", nickname: "Bot 1" },
      { code: "ABC234", nickname: "Bot 1 2" },
    ]);
  });

  it("reports a wrong code with the server's code and message", async () => {
    const { fetch } = fakeJoin([
      { ok: false, error: { code: "NOT_FOUND", message: "No class uses the code ABC234." } },
    ]);
    const failure = joinClassOverHttp("http://x", "ABC234", "Bot 1", fetch);
    await expect(failure).rejects.toBeInstanceOf(JoinError);
    await expect(failure).rejects.toMatchObject({ code: "NOT_FOUND", message: "No class uses the code ABC234." });
  });

  it("refuses an answer that is not the protocol's join response", async () => {
    const { fetch } = fakeJoin([{ ok: true, token: "short" }]);
    await expect(joinClassOverHttp("http://x", "ABC234", "Bot 1", fetch)).rejects.toMatchObject({ code: "NETWORK" });
  });

  it("reports an unreachable server, after trying again", async () => {
    let tries = 0;
    const fetch: Fetch = async () => {
      tries++;
      throw new TypeError("fetch failed");
    };
    await expect(joinClassOverHttp("http://x", "ABC234", "Bot 1", fetch, 0)).rejects.toMatchObject({
      code: "NETWORK",
    });
    expect(tries).toBe(JOIN_NETWORK_ATTEMPTS);
  });

  it("joins when a busy server answers a later try", async () => {
    const answer = fakeJoin([{ ok: true, classId: "c1", participantId: "p1", token: TOKEN }]);
    let tries = 0;
    const fetch: Fetch = async (url, init) => {
      if (++tries < JOIN_NETWORK_ATTEMPTS) throw new DOMException("The operation timed out.", "TimeoutError");
      return answer.fetch(url, init);
    };
    expect((await joinClassOverHttp("http://x", "ABC234", "Bot 1", fetch, 0)).participantId).toBe("p1");
    // A wrong answer is final: not tried again.
    const wrong = fakeJoin([{ ok: true, token: "short" }]);
    await expect(joinClassOverHttp("http://x", "ABC234", "Bot 1", wrong.fetch, 0)).rejects.toMatchObject({
      code: "NETWORK",
    });
    expect(wrong.asked).toHaveLength(1);
  });
});
