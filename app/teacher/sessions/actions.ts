"use server";

import { redirect } from "next/navigation";
import { HYPER_PARAM_KEYS } from "@/lib/classroom";
import { getAppContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { requireTeacher } from "@/server/http/teacher-auth";
import { createSession } from "@/server/sessions/create-session";

export type NewSessionState = { error?: string; field?: string };

/** Form fields are strings; numbers are converted here and validated by the settings schema. */
function numberField(formData: FormData, name: string): number | undefined {
  const value = formData.get(name);
  if (typeof value !== "string" || value.trim() === "") return undefined;
  return Number(value);
}

function readSettings(formData: FormData) {
  const text = (name: string) => (typeof formData.get(name) === "string" ? String(formData.get(name)) : undefined);
  const targetPercent = numberField(formData, "targetPercent");
  return {
    dataset: text("dataset"),
    noise: numberField(formData, "noise"),
    dataSeed: numberField(formData, "dataSeed"),
    targetAccuracy: targetPercent === undefined ? undefined : targetPercent / 100,
    defaults: {
      hidden: numberField(formData, "hidden"),
      lr: numberField(formData, "lr"),
      steps: numberField(formData, "steps"),
      activation: text("activation"),
      optimizer: text("optimizer"),
      initSeed: numberField(formData, "initSeed"),
    },
    unlocked: formData.getAll("unlocked").filter((key) => HYPER_PARAM_KEYS.includes(key as never)),
    requireForwardPassCell: formData.get("requireForwardPassCell") === "on",
  };
}

export async function createSessionAction(_previous: NewSessionState, formData: FormData): Promise<NewSessionState> {
  const teacher = await requireTeacher();
  let sessionId: string;
  try {
    const created = await createSession(getAppContext().db, teacher.id, {
      title: formData.get("title"),
      settings: readSettings(formData),
    });
    sessionId = created.id;
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, field: error.field };
    throw error;
  }
  redirect(`/teacher/sessions/${sessionId}`);
}
