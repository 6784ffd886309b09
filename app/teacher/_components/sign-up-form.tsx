"use client";

import { useActionState } from "react";
import { type FormState, signUpAction } from "../actions";
import { FormAlert } from "./form-alert";
import { TextField } from "./text-field";

const PASSWORD_MIN_LENGTH = 10;

export function SignUpForm() {
  const [state, formAction, isPending] = useActionState<FormState, FormData>(signUpAction, {});
  const fieldError = (name: string) => (state.field === name ? state.error : undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert message={state.error} />
      <TextField
        name="name"
        label="Name"
        autoComplete="name"
        required
        maxLength={80}
        defaultValue={state.values?.name}
        error={fieldError("name")}
      />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={fieldError("email")}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={fieldError("password")}
      />
      <button type="submit" className="btn-primary w-full" disabled={isPending}>
        {isPending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
