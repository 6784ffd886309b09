import type { Metadata } from "next";
import { defaultSessionSettings } from "@/lib/classroom";
import { requireTeacher } from "@/server/http/teacher-auth";
import { NewSessionForm } from "./new-session-form";

export const metadata: Metadata = { title: "New session" };
export const dynamic = "force-dynamic";

export default async function NewSessionPage() {
  await requireTeacher();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Launch a session</h1>
      <NewSessionForm defaults={defaultSessionSettings()} />
    </div>
  );
}
