"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { JoinForm } from "@/app/_components/join-form";
import { loadParticipant, type StoredParticipant } from "../participant-store";

/**
 * Offers "Continue as <nickname>" when this browser already joined the class, else the form.
 * localStorage is read after hydration, so the server render and the first client render agree.
 */
export function JoinPanel({ code }: { code: string }) {
  const [stored, setStored] = useState<StoredParticipant | null>(null);
  const [wantsNewName, setWantsNewName] = useState(false);

  useEffect(() => {
    setStored(loadParticipant(code));
  }, [code]);

  if (stored && !wantsNewName) {
    return (
      <div className="space-y-3">
        <Link href={`/play/${code}`} className="btn-primary block w-full text-center text-lg">
          Continue as {stored.nickname}
        </Link>
        <button type="button" className="btn-secondary w-full" onClick={() => setWantsNewName(true)}>
          Join with another nickname
        </button>
      </div>
    );
  }
  return <JoinForm code={code} />;
}
