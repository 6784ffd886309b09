import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { joinCodeSchema } from "@/lib/classroom/join-code";
import { PlayClient } from "./play-client";

export const metadata: Metadata = { title: "Train" };

/** /play/[code]: the student's training page. A malformed code is a 404; the rest happens client-side. */
export default async function PlayPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const parsed = joinCodeSchema.safeParse(decodeURIComponent(code));
  if (!parsed.success) notFound();
  return <PlayClient code={parsed.data} />;
}
