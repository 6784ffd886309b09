/**
 * Sending acked events under the retry policy (retry-policy.ts): one attempt goes through the
 * socket (socket.io resends a lost packet itself: ackTimeout × retries); a "not now" answer or a
 * packet socket.io gave up on is resent after a growing, randomized wait, until an answer is
 * final or the attempts are spent. Everything pending settles at once on `stop()`.
 */
import { type Ack, ERROR_CODE, type ProtocolError } from "../protocol";
import type { Schedule } from "../training";
import type { z } from "../zod";
import { RETRY_LATER_CODES, retryDelayMs } from "./retry-policy";
import type { AckedStudentEvent, StudentSocketPort } from "./socket-port";

/** How long to keep sending one message, and which refusals end it. */
export type SendPolicy = {
  /** Attempts in all, the first included; Infinity: until an answer is final. */
  attempts: number;
  /** Refusals that are final; by default every one but {@link RETRY_LATER_CODES}. */
  isDone?: (error: ProtocolError) => boolean;
  /** Called before each resend: the message is not where it should be yet. */
  onRetry?: () => void;
};

/** Options of {@link createSender}. */
export type SenderOptions = {
  socket: StudentSocketPort;
  schedule: Schedule;
  random: () => number;
  /** Every attempt's outcome: the answer, or null when the transport gave up. */
  onAnswer?: (event: AckedStudentEvent, answer: Ack<object> | null) => void;
};

/** The sender's API. */
export type Sender = ReturnType<typeof createSender>;

const unexpected = (): { ok: false; error: ProtocolError } => ({
  ok: false,
  error: { code: ERROR_CODE.internal, message: "The server sent an unexpected answer" },
});

/**
 * Creates a sender over `socket`.
 *
 * @example
 * const sender = createSender({ socket, schedule, random: Math.random });
 * const answer = await sender.send("run:finish", finish, runFinishAckSchema, { attempts: Infinity }); // null once stopped
 */
export function createSender(options: SenderOptions) {
  const { socket, schedule, random } = options;
  /** Settles every pending wait and unanswered send, on stop. */
  const pending = new Set<() => void>();
  let isStopped = false;

  /** Resolves after `ms`, or at once on stop. */
  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (isStopped) return resolve();
      let cancel: (() => void) | null = null;
      const settle = () => {
        pending.delete(settle);
        cancel?.();
        resolve();
      };
      pending.add(settle);
      cancel = schedule(settle, ms);
    });
  }

  /** One attempt; null when the transport gave up or the sender stopped. */
  function sendOnce<T extends object>(
    event: AckedStudentEvent,
    payload: unknown,
    schema: z.ZodType<Ack<T>>,
  ): Promise<Ack<T> | null> {
    return new Promise((resolve) => {
      if (isStopped) return resolve(null);
      // A packet queued while offline may never be answered once the client has left.
      const settle = () => {
        pending.delete(settle);
        resolve(null);
      };
      pending.add(settle);
      socket.request(event, payload, (error, answer) => {
        if (!pending.delete(settle)) return;
        const parsed = error ? null : schema.safeParse(answer);
        const result = parsed === null ? null : parsed.success ? parsed.data : unexpected();
        options.onAnswer?.(event, result);
        resolve(result);
      });
    });
  }

  /**
   * Sends until an answer is final or the attempts are spent; resolves with the last answer,
   * null when none came (or the sender stopped).
   */
  async function send<T extends object>(
    event: AckedStudentEvent,
    payload: unknown,
    schema: z.ZodType<Ack<T>>,
    policy: SendPolicy,
  ): Promise<Ack<T> | null> {
    const isDone = policy.isDone ?? ((error: ProtocolError) => !RETRY_LATER_CODES.has(error.code));
    for (let attempt = 1; ; attempt++) {
      const answer = await sendOnce(event, payload, schema);
      if (isStopped || answer?.ok || (answer && isDone(answer.error)) || attempt >= policy.attempts) return answer;
      policy.onRetry?.();
      await wait(retryDelayMs(attempt, random));
    }
  }

  return {
    wait,
    sendOnce,
    send,
    /** Settles everything pending (sends with null) and refuses new sends. Idempotent. */
    stop(): void {
      isStopped = true;
      for (const settle of [...pending]) settle();
      pending.clear();
    },
  };
}
