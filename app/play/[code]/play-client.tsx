"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { loadParticipant, type StoredParticipant } from "../../join/participant-store";
import { PlayRoom } from "./play-room";

/**
 * The student page's gate: without a participant token for this code, back to /join/[code];
 * with one, the live room. The token is read after hydration (localStorage is browser-only).
 */
export function PlayClient({ code }: { code: string }) {
  const router = useRouter();
  const [participant, setParticipant] = useState<StoredParticipant | null | undefined>(undefined);

  useEffect(() => {
    const stored = loadParticipant(code);
    setParticipant(stored);
    if (!stored) router.replace(`/join/${code}`);
  }, [code, router]);

  if (participant === undefined) return <p className="text-slate-600">Loading…</p>;
  if (participant === null) {
    return (
      <p>
        You have not joined this class in this browser.{" "}
        <Link href={`/join/${code}`} className="underline">
          Join class {code}
        </Link>
      </p>
    );
  }
  return <PlayRoom code={code} participant={participant} />;
}
