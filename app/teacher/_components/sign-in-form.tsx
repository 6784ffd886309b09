"use client";

import { useActionState } from "react";
import { type FormState, signInAction } from "../actions";
import { FormAlert } from "./form-alert";
import { TextField } from "./text-field";

export function SignInForm() {
  const [state, formAction, isPending] = useActionState<FormState, FormData>(signInAction, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert message={state.error} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
      />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required />
      <button type="submit" className="btn-primary w-full" disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
