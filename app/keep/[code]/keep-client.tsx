"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { loadParticipant } from "../../join/participant-store";
import { fetchTakeaway } from "./fetch-takeaway";
import type { KeepState } from "./takeaway-types";
import { TakeawayView } from "./takeaway-view";

/** Reads this browser's participant token for `code`, asks for the take-away, and shows it or says why not. */
export function KeepClient({ code }: { code: string }) {
  const [state, setState] = useState<KeepState>({ status: "loading" });
  const [token, setToken] = useState<string | null>(null);

  const load = useCallback(
    (signal: AbortSignal) => {
      const stored = loadParticipant(code);
      if (!stored) {
        setState({ status: "notKept" });
        return;
      }
      setToken(stored.token);
      setState({ status: "loading" });
      void fetchTakeaway(stored.token, signal).then((next) => {
        if (!signal.aborted) setState(next);
      });
    },
    [code],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);
  const retry = () => load(new AbortController().signal);

  switch (state.status) {
    case "loading":
      return <p className="text-slate-700">Loading your runs…</p>;
    case "notKept":
      return (
        <div className="card max-w-prose space-y-2">
          <h1 className="text-2xl font-bold">Nothing kept for class {code}</h1>
          <p>
            This browser has not joined class <span className="font-mono">{code}</span>. Your runs open in the browser
            you joined the class with.
          </p>
          <Link href="/" className="underline">
            Back to the start page
          </Link>
        </div>
      );
    case "refused":
      return (
        <div className="card max-w-prose space-y-2" data-testid="takeaway-refused">
          <h1 className="text-2xl font-bold">Class {code}</h1>
          <p role="alert">{state.message}</p>
        </div>
      );
    case "unreachable":
      return (
        <div className="card max-w-prose space-y-3">
          <p role="alert">Could not reach the class server. Check your connection.</p>
          <button type="button" className="btn-secondary" onClick={retry}>
            Try again
          </button>
        </div>
      );
    case "ready":
      return token ? <TakeawayView code={code} token={token} data={state.data} /> : null;
  }
}
