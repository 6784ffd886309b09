import type { FeedStatus } from "../_lib/use-class-feed";

const STATUS_TEXT: Record<FeedStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Connection lost — reconnecting…",
  notFound: "Session not found",
  closed: "Disconnected by the server — reload to reconnect",
};

/**
 * The connection's state in words, announced politely when it changes. An ended class is not
 * "live" however healthy the socket: the teacher still watches it, nobody can train.
 */
export function FeedStatusLine({ status, isEnded = false }: { status: FeedStatus; isEnded?: boolean }) {
  if (isEnded && status === "live") {
    return (
      <p aria-live="polite" className="text-sm font-semibold text-slate-700" data-testid="feed-status">
        <span aria-hidden="true" className="mr-1">
          ■
        </span>
        Ended — the class is over; open the review for its results
      </p>
    );
  }
  const isLive = status === "live";
  return (
    <p
      aria-live="polite"
      className={`text-sm font-semibold ${isLive ? "text-green-800" : "text-slate-700"}`}
      data-testid="feed-status"
    >
      <span aria-hidden="true" className="mr-1">
        {isLive ? "●" : "○"}
      </span>
      {STATUS_TEXT[status]}
    </p>
  );
}
