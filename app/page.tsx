import Link from "next/link";
import { JoinForm } from "./_components/join-form";

export default function LandingPage() {
  return (
    <div className="grid gap-8 md:grid-cols-[1.2fr_1fr] md:items-start md:gap-x-10">
      <section className="md:col-start-1 md:row-start-1">
        <h1 className="text-4xl font-bold tracking-tight md:text-5xl">Watch a whole class teach networks to think.</h1>
        <p className="mt-4 text-lg text-slate-700 md:text-xl">
          MLP Classroom is a live class where every student trains a small neural network in their own browser — XOR,
          circles, spirals — while the teacher watches every loss curve and decision map at once.
        </p>
        <ul className="mt-6 space-y-2 text-slate-700">
          <li>
            <span aria-hidden="true" className="mr-2 text-warm-500">
              ●
            </span>
            One neuron draws a line.
          </li>
          <li>
            <span aria-hidden="true" className="mr-2 text-cool-500">
              ■
            </span>
            Linear, ReLU, linear carves XOR.
          </li>
        </ul>
      </section>
      <section aria-labelledby="join-heading" className="card md:col-start-2 md:row-span-2 md:row-start-1">
        <h2 id="join-heading" className="text-2xl font-bold">
          Join a class
        </h2>
        <p className="mt-1 text-slate-700">Enter the code on the projector. No account needed.</p>
        <div className="mt-4">
          <JoinForm />
        </div>
      </section>
      <section aria-labelledby="teacher-heading" className="card md:col-start-1 md:row-start-2">
        <h2 id="teacher-heading" className="text-xl font-semibold">
          Teaching?
        </h2>
        <p className="mt-1 text-slate-700">Launch a session, project the join code, and watch the class learn.</p>
        <div className="mt-4 flex flex-wrap gap-3">
          <Link href="/teacher/sign-in" className="btn-primary">
            Teacher sign-in
          </Link>
          <Link href="/teacher/sign-up" className="btn-secondary">
            Create a teacher account
          </Link>
        </div>
      </section>
    </div>
  );
}
