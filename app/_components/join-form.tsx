"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { joinCodeSchema } from "@/lib/classroom/join-code";
import { nicknameSchema } from "@/lib/classroom/nickname";
import { ERROR_CODE } from "@/lib/protocol";
import { requestJoin } from "../join/join-request";
import { saveParticipant } from "../join/participant-store";

type FormErrors = { code?: string; nickname?: string; form?: string; suggestion?: string };

/** Errors about the code itself go under the code field; a taken nickname under the nickname. */
const CODE_ERRORS: ReadonlySet<string> = new Set([ERROR_CODE.notFound, ERROR_CODE.classEnded]);

/**
 * The join form: code and nickname → POST /api/join → the token is kept in this browser →
 * /play/[code]. On a nickname clash the server's suggestion is one click away.
 */
export function JoinForm({ code: initialCode }: { code?: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initialCode ?? "");
  const [nickname, setNickname] = useState("");
  const [errors, setErrors] = useState<FormErrors>({});
  const [isPending, setIsPending] = useState(false);

  const join = async (nicknameToUse: string) => {
    const parsedCode = joinCodeSchema.safeParse(code);
    const parsedNickname = nicknameSchema.safeParse(nicknameToUse);
    if (!parsedCode.success || !parsedNickname.success) {
      setErrors({
        code: parsedCode.success ? undefined : (parsedCode.error.issues[0]?.message ?? "Check the code"),
        nickname: parsedNickname.success
          ? undefined
          : (parsedNickname.error.issues[0]?.message ?? "Check the nickname"),
      });
      return;
    }
    setIsPending(true);
    setErrors({});
    const response = await requestJoin(parsedCode.data, parsedNickname.data);
    if (!response.ok) {
      setIsPending(false);
      const { code: errorCode, message } = response.error;
      if (CODE_ERRORS.has(errorCode)) setErrors({ code: message });
      else if (errorCode === ERROR_CODE.nicknameTaken)
        setErrors({ nickname: message, suggestion: response.suggestion });
      else setErrors({ form: message });
      return;
    }
    saveParticipant(parsedCode.data, {
      token: response.token,
      participantId: response.participantId,
      classId: response.classId,
      nickname: parsedNickname.data,
    });
    router.push(`/play/${parsedCode.data}`);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void join(nickname);
  };

  const acceptSuggestion = (suggestion: string) => {
    setNickname(suggestion);
    void join(suggestion);
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {errors.form ? (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
        >
          <span aria-hidden="true">⚠ </span>
          {errors.form}
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
          value={code}
          onChange={(event) => setCode(event.target.value)}
          aria-invalid={errors.code ? true : undefined}
          aria-describedby={errors.code ? "join-code-error" : undefined}
        />
        {errors.code ? (
          <p id="join-code-error" role="alert" className="field-error">
            {errors.code}
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
          value={nickname}
          onChange={(event) => setNickname(event.target.value)}
          aria-invalid={errors.nickname ? true : undefined}
          aria-describedby={errors.nickname ? "join-nickname-error" : "join-nickname-hint"}
        />
        <p id="join-nickname-hint" className="mt-1 text-sm text-slate-600">
          1–24 characters. Your classmates may see it on the projector.
        </p>
        {errors.nickname ? (
          <div id="join-nickname-error" role="alert" className="field-error">
            <p>{errors.nickname}</p>
            {errors.suggestion ? (
              <button
                type="button"
                className="btn-secondary mt-2"
                disabled={isPending}
                onClick={() => acceptSuggestion(errors.suggestion ?? "")}
              >
                Use “{errors.suggestion}”
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <button type="submit" className="btn-primary w-full text-lg" disabled={isPending}>
        {isPending ? "Joining…" : "Join"}
      </button>
    </form>
  );
}
