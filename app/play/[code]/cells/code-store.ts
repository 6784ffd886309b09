/**
 * The student's cell code in this browser: one localStorage entry per class and participant, so a
 * reload keeps the code (and a second student on the same computer keeps their own). Read back
 * through zod, because anything in localStorage may have been edited or left by an older version.
 */

import { CELL_STUBS, type CellNumber } from "@/lib/cells";
import { CELL_CODE_MAX_CHARS } from "@/lib/protocol";
import { storableString } from "@/lib/storable-string";
import { z } from "@/lib/zod";
import { storedJson } from "../../../_components/stored-json";

const KEY_PREFIX = "mlp-classroom:cells:";
/** Kept code is capped a little above what the protocol carries; the editor shows the rest as too long. */
const MAX_STORED_CHARS = CELL_CODE_MAX_CHARS * 2;

const codeSchema = storableString().max(MAX_STORED_CHARS);
const storedSchema = z.object({ 1: codeSchema, 2: codeSchema, 3: codeSchema });

/** Every cell's code. */
export type CellCodes = Record<CellNumber, string>;

/** The stubs: what a cell holds before the student writes anything. */
export function stubCodes(): CellCodes {
  return { 1: CELL_STUBS[1], 2: CELL_STUBS[2], 3: CELL_STUBS[3] };
}

const store = storedJson(KEY_PREFIX, storedSchema);

/** The kept code for this class and participant, or the stubs. */
export function loadCodes(classCode: string, participantId: string): CellCodes {
  return store.load(`${classCode}:${participantId}`) ?? stubCodes();
}

/** Keeps the code; false when storage is blocked or full (the code then lives until a reload). */
export function saveCodes(classCode: string, participantId: string, codes: CellCodes): boolean {
  return store.save(`${classCode}:${participantId}`, codes);
}
