import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSignedInTeacher } from "@/server/http/teacher-auth";
import { SignUpForm } from "../_components/sign-up-form";

export const metadata: Metadata = { title: "Create a teacher account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await getSignedInTeacher()) redirect("/teacher");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Create a teacher account</h1>
      <div className="card">
        <SignUpForm />
      </div>
      <p className="mt-4 text-center text-slate-700">
        Already have an account?{" "}
        <Link href="/teacher/sign-in" className="font-semibold text-cool-700 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
