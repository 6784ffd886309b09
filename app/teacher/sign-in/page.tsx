import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSignedInTeacher } from "@/server/http/teacher-auth";
import { SignInForm } from "../_components/sign-in-form";

export const metadata: Metadata = { title: "Teacher sign-in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await getSignedInTeacher()) redirect("/teacher");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Teacher sign-in</h1>
      <div className="card">
        <SignInForm />
      </div>
      <p className="mt-4 text-center text-slate-700">
        New here?{" "}
        <Link href="/teacher/sign-up" className="font-semibold text-cool-700 underline">
          Create a teacher account
        </Link>
      </p>
    </div>
  );
}
