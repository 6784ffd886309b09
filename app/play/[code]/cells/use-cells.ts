"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  CELL,
  type CellNumber,
  type CellReport,
  cellWeights,
  checkForwardPass,
  checkLinear,
  checkTraining,
  reportError,
} from "@/lib/cells";
import type { SessionSettings } from "@/lib/classroom/settings";
import { DEFAULT_N, makeDataset } from "@/lib/ml/nn";
import { type Ack, CELL_CODE_MAX_CHARS, CELL_ERROR_MAX_CHARS, type CellCheck, type CellResult } from "@/lib/protocol";
import { type CellCodes, loadCodes, saveCodes } from "./code-store";
import { createSandboxRunner, type SandboxRunner } from "./sandbox-runner";

/** Sends a check to the server (lib/protocol cell:check) and resolves with its answer. */
export type SendCellCheck = (check: CellCheck) => Promise<Ack<{ result: CellResult }>>;

type UseCellsOptions = {
  classCode: string;
  /** Null until the class state arrived. */
  participantId: string | null;
  settings: SessionSettings | null;
  /** The server's record (session:state), e.g. after a reload. */
  serverCells: readonly CellResult[];
  sendCheck: SendCellCheck;
};

/** The cells as the page renders them, and the action of its Run buttons. */
export type Cells = {
  /** Null until loaded from this browser's storage. */
  codes: CellCodes | null;
  setCode(cell: CellNumber, code: string): void;
  reports: Partial<Record<CellNumber, CellReport>>;
  /** The server's count of each cell (attempts, passed), newest known. */
  results: ReadonlyMap<number, CellResult>;
  runningCell: CellNumber | null;
  /** Why the last result did not reach the server, else null. */
  notice: string | null;
  run(cell: CellNumber): void;
};

/**
 * The chapter's cells on the student page: code kept per participant in this browser, runs in the
 * sandbox worker, checks against lib/ml/nn, and each check reported to the server (cell:check).
 */
export function useCells({ classCode, participantId, settings, serverCells, sendCheck }: UseCellsOptions): Cells {
  const [codes, setCodes] = useState<CellCodes | null>(null);
  const [reports, setReports] = useState<Partial<Record<CellNumber, CellReport>>>({});
  const [acked, setAcked] = useState<ReadonlyMap<number, CellResult>>(new Map());
  const [runningCell, setRunningCell] = useState<CellNumber | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const runnerRef = useRef<SandboxRunner | null>(null);
  const codesRef = useRef(codes);
  codesRef.current = codes;

  useEffect(() => {
    const runner = createSandboxRunner();
    runnerRef.current = runner;
    return () => {
      runner.dispose();
      runnerRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (participantId !== null) setCodes(loadCodes(classCode, participantId));
  }, [classCode, participantId]);

  const setCode = useCallback(
    (cell: CellNumber, code: string) => {
      const current = codesRef.current;
      if (!current || participantId === null) return;
      const next = { ...current, [cell]: code };
      codesRef.current = next;
      setCodes(next);
      saveCodes(classCode, participantId, next);
    },
    [classCode, participantId],
  );

  // The newest of the server's record and this page's acks: attempts only grow.
  const results = useMemo(() => {
    const merged = new Map<number, CellResult>();
    for (const result of [...serverCells, ...acked.values()]) {
      const known = merged.get(result.cell);
      if (!known || result.attempts >= known.attempts) merged.set(result.cell, result);
    }
    return merged;
  }, [serverCells, acked]);

  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const sendRef = useRef(sendCheck);
  sendRef.current = sendCheck;
  const isRunningRef = useRef(false);

  const run = useCallback((cell: CellNumber) => {
    const runner = runnerRef.current;
    const current = codesRef.current;
    const classSettings = settingsRef.current;
    if (!runner || !current || !classSettings || isRunningRef.current) return;
    isRunningRef.current = true;
    setRunningCell(cell);
    void (async () => {
      try {
        const report = await check(cell, current, classSettings, runner);
        setReports((previous) => ({ ...previous, [cell]: report }));
        const code = current[cell];
        const answer = await sendRef.current({
          cell,
          isPassed: report.isPassed,
          error: reportError(report, CELL_ERROR_MAX_CHARS),
          code: code.length <= CELL_CODE_MAX_CHARS ? code : undefined,
        });
        if (answer.ok) {
          setAcked((previous) => new Map(previous).set(cell, answer.result));
          setNotice(null);
        } else {
          setNotice(`Your teacher did not get this result: ${answer.error.message}`);
        }
      } finally {
        isRunningRef.current = false;
        setRunningCell(null);
      }
    })();
  }, []);

  return { codes, setCode, reports, results, runningCell, notice, run };
}

function check(
  cell: CellNumber,
  codes: CellCodes,
  settings: SessionSettings,
  runner: SandboxRunner,
): Promise<CellReport> {
  switch (cell) {
    case CELL.linear:
      return checkLinear(runner.run, codes[1]);
    case CELL.forwardPass:
      return checkForwardPass(runner.run, codes[2], { weights: cellWeights(settings.dataSeed), linearCode: codes[1] });
    case CELL.training: {
      // Cell 3 is the chapter's XOR, on the class's data seed so everyone trains on the same points.
      const data = makeDataset("xor", { n: DEFAULT_N, seed: settings.dataSeed });
      return checkTraining(runner.run, codes[3], { data, targetAccuracy: settings.targetAccuracy });
    }
  }
}
