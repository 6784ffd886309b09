"use client";

import { useActionState } from "react";
import { type JoinFormState, joinClassAction } from "../join/actions";

export function JoinForm({ code }: { code?: string }) {
  const [state, formAction, isPending] = useActionState<JoinFormState, FormData>(joinClassAction, {});
  const codeError = state.field === "code" ? state.error : undefined;
  const nicknameError = state.field === "nickname" ? state.error : undefined;
  const formError = state.field ? undefined : state.error;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {formError ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
          <span aria-hidden="true">⚠ </span>
          {formError}
        </p>
      ) : null}
      <div>
        <label htmlFor="join-code" className="field-label">
          Join code
        </label>
        <input
          id="join-code"
          name="code"
          className="field-input font-mono text-2xl tracking-[0.3em] uppercase"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          maxLength={12}
          required
          placeholder="ABC234"
          defaultValue={state.values?.code ?? code}
          aria-invalid={codeError ? true : undefined}
          aria-describedby={codeError ? "join-code-error" : undefined}
        />
        {codeError ? (
          <p id="join-code-error" role="alert" className="field-error">
            {codeError}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="join-nickname" className="field-label">
          Nickname
        </label>
        <input
          id="join-nickname"
          name="nickname"
          className="field-input"
          autoComplete="nickname"
          maxLength={24}
          required
          defaultValue={state.values?.nickname}
          aria-invalid={nicknameError ? true : undefined}
          aria-describedby={nicknameError ? "join-nickname-error" : "join-nickname-hint"}
        />
        <p id="join-nickname-hint" className="mt-1 text-sm text-slate-600">
          1–24 characters. Your classmates may see it on the projector.
        </p>
        {nicknameError ? (
          <p id="join-nickname-error" role="alert" className="field-error">
            {nicknameError}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn-primary w-full text-lg" disabled={isPending}>
        {isPending ? "Joining…" : "Join"}
      </button>
    </form>
  );
}
