import { takeawayResponseSchema, takeawayWeightsFileName } from "@/lib/protocol";
import type { KeepState } from "./takeaway-types";

const JSON_HEADERS = { "content-type": "application/json" } as const;

/** Asks for the take-away with the token in the body; every failure becomes a state the page can show. */
export async function fetchTakeaway(token: string, signal: AbortSignal): Promise<KeepState> {
  try {
    const response = await fetch("/api/takeaway", {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ token }),
      signal,
    });
    const body = takeawayResponseSchema.safeParse(await response.json());
    if (!body.success) return { status: "refused", message: `The server answered ${response.status}.` };
    if (response.ok && body.data.ok) return { status: "ready", data: body.data.takeaway };
    return {
      status: "refused",
      message: body.data.ok ? `The server answered ${response.status}.` : body.data.error.message,
    };
  } catch {
    return { status: "unreachable" };
  }
}

/**
 * Downloads one run's weights: POST (the token stays out of the URL), then save the answer under
 * the file name its Python note opens. Resolves to an error message, or null when saved.
 */
export async function downloadWeights(token: string, runId: string, runNumber: number): Promise<string | null> {
  let blob: Blob;
  try {
    const response = await fetch("/api/takeaway/weights", {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ token, runId }),
    });
    if (!response.ok) return response.status === 404 ? "These weights are no longer on the server." : "Try again.";
    blob = await response.blob();
  } catch {
    return "Could not reach the class server. Try again.";
  }
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = takeawayWeightsFileName(runNumber);
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the file to the browser; the object URL can go on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return null;
}
