/**
 * The student client's answer to the server's one-off weights request (network:request, issue
 * 16): once per request, volatile, with the current run's weights from the page's (or bot's)
 * provider; none when the provider has none, is on another run or throws; nothing for a request
 * that is malformed or arrives while offline.
 */
import { describe, expect, it } from "vitest";
import { type NetworkWeights, networkAnswerSchema } from "@/lib/protocol";
import { ANSWERED_REQUESTS_KEPT, createStudentClient } from "@/lib/student-client";
import { createFakeSocket, createManualClock } from "./fake-socket";

const WEIGHTS: NetworkWeights = {
  runId: "run_1",
  step: 420,
  weights: {
    w1: [
      [0.5, -1.25],
      [2, 0.75],
    ],
    b1: [0.1, -0.2],
    w2: [[1.5, -0.5]],
    b2: [0.05],
    activation: "relu",
  },
};

function setup(currentWeights?: () => NetworkWeights | null) {
  const socket = createFakeSocket();
  const clock = createManualClock();
  const client = createStudentClient({ socket: socket.port, schedule: clock.schedule, currentWeights });
  client.start();
  socket.accept();
  const answers = () =>
    socket.volatileSent
      .filter((sent) => sent.event === "network:answer")
      .map((sent) => networkAnswerSchema.parse(sent.payload));
  return { socket, client, answers };
}

describe("network:request", () => {
  it("answers with the provider's weights of the run asked about, volatile", () => {
    let reads = 0;
    const { socket, answers } = setup(() => {
      reads += 1;
      return WEIGHTS;
    });
    expect(reads).toBe(0);
    socket.send("network:request", { requestId: "req_1", runId: "run_1" });
    expect(answers()).toEqual([{ requestId: "req_1", runId: "run_1", step: 420, weights: WEIGHTS.weights }]);
    expect(reads).toBe(1);
    // Not an acked request: nothing waits for an answer from the server.
    expect(socket.requests).toHaveLength(0);
  });

  it("answers each request once, however often it arrives", () => {
    const { socket, answers } = setup(() => WEIGHTS);
    socket.send("network:request", { requestId: "req_1", runId: "run_1" });
    socket.send("network:request", { requestId: "req_1", runId: "run_1" });
    socket.send("network:request", { requestId: "req_2", runId: "run_1" });
    expect(answers().map((answer) => answer.requestId)).toEqual(["req_1", "req_2"]);
  });

  it("forgets old request ids beyond its bound (a long class does not grow it)", () => {
    const { socket, answers } = setup(() => WEIGHTS);
    for (let i = 0; i <= ANSWERED_REQUESTS_KEPT; i++)
      socket.send("network:request", { requestId: `r${i}`, runId: "run_1" });
    // r0 fell out of the list: a (very late) resend of it is answered again rather than remembered forever.
    socket.send("network:request", { requestId: "r0", runId: "run_1" });
    socket.send("network:request", { requestId: `r${ANSWERED_REQUESTS_KEPT}`, runId: "run_1" });
    expect(answers()).toHaveLength(ANSWERED_REQUESTS_KEPT + 2);
  });

  it("says it has none: no provider, no weights, another run, a provider that throws", () => {
    const cases: ((() => NetworkWeights | null) | undefined)[] = [
      undefined,
      () => null,
      () => ({ ...WEIGHTS, runId: "run_0" }),
      () => {
        throw new Error("view gone");
      },
    ];
    for (const provider of cases) {
      const { socket, answers } = setup(provider);
      socket.send("network:request", { requestId: "req_1", runId: "run_1" });
      expect(answers()).toEqual([{ requestId: "req_1", runId: "run_1", step: 0, weights: null }]);
    }
  });

  it("ignores a malformed request, and one that arrives while offline", () => {
    const { socket, answers } = setup(() => WEIGHTS);
    socket.send("network:request", { requestId: "", runId: "run_1" });
    socket.send("network:request", { runId: "run_1" });
    socket.send("network:request", "give me everything");
    socket.drop();
    socket.send("network:request", { requestId: "req_1", runId: "run_1" });
    expect(answers()).toEqual([]);
  });

  it("answers nothing once closed", () => {
    const { socket, client, answers } = setup(() => WEIGHTS);
    client.close();
    socket.send("network:request", { requestId: "req_1", runId: "run_1" });
    expect(answers()).toEqual([]);
  });
});
