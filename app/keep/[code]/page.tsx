import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { joinCodeSchema } from "@/lib/classroom/join-code";
import { KeepClient } from "./keep-client";

export const metadata: Metadata = { title: "Your runs to keep" };

/**
 * /keep/[code]: what a student keeps from a class — their runs, cells and weights — read with the
 * participant token this browser kept when it joined. The token never goes in the URL: the page
 * reads it from localStorage and sends it in a POST body.
 */
export default async function KeepPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const parsed = joinCodeSchema.safeParse(decodeURIComponent(code));
  if (!parsed.success) notFound();
  return <KeepClient code={parsed.data} />;
}
