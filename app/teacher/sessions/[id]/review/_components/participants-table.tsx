"use client";

import { Fragment, useMemo, useState } from "react";
import type { RunScope } from "@/lib/review/run-scope";
import { AttentionBadges } from "../../_components/attention-badges";
import { formatAccuracy, formatDuration, formatLoss, formatLr, outcomeText } from "../_lib/review-format";
import type { DatasetView, ReviewRow } from "../_lib/review-types";
import { ParticipantDetail } from "./participant-detail";

type SortKey = "nickname" | "runCount" | "hidden" | "lr" | "steps" | "loss" | "accuracy" | "cells" | "timeSpentS";
type Filter = "all" | "reached" | "notReached" | "mismatch";

const COLUMNS: { key: SortKey; label: string; isNumeric: boolean }[] = [
  { key: "nickname", label: "Nickname", isNumeric: false },
  { key: "runCount", label: "Runs", isNumeric: true },
  { key: "hidden", label: "Hidden", isNumeric: true },
  { key: "lr", label: "Learning rate", isNumeric: true },
  { key: "steps", label: "Outcome", isNumeric: true },
  { key: "loss", label: "Final loss (verified)", isNumeric: true },
  { key: "accuracy", label: "Accuracy (verified)", isNumeric: true },
  { key: "cells", label: "Cells passed", isNumeric: true },
  { key: "timeSpentS", label: "Time", isNumeric: true },
];
/** Table columns besides the sortable ones: dataset, activation and optimizer, target and the detail button. */
const COLUMN_COUNT = COLUMNS.length + 5;

function sortValue(row: ReviewRow, key: SortKey): string | number | null {
  if (key === "cells") return row.cellsPassed.length;
  if (key === "nickname") return row.nickname.toLocaleLowerCase();
  return row[key];
}

/** Ascending with empty values last whatever the direction: a student without a run is not "best". */
function compareRows(a: ReviewRow, b: ReviewRow, key: SortKey, direction: 1 | -1): number {
  const x = sortValue(a, key);
  const y = sortValue(b, key);
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return (x < y ? -1 : x > y ? 1 : 0) * direction;
}

function matchesFilter(row: ReviewRow, filter: Filter): boolean {
  if (filter === "reached") return row.isReachedTarget;
  if (filter === "notReached") return !row.isReachedTarget;
  if (filter === "mismatch") return row.verdict === "mismatch";
  return true;
}

/** The participants table: sortable by any figure, filterable by name and outcome, a row opens the student's detail. */
export function ParticipantsTable({
  sessionId,
  rows,
  dataset,
  scope,
}: {
  sessionId: string;
  rows: ReviewRow[];
  dataset: DatasetView;
  /** The dataset and lesson step the review is on; the detail then lists only their runs. */
  scope: RunScope;
}) {
  const [sort, setSort] = useState<{ key: SortKey; direction: 1 | -1 }>({ key: "loss", direction: 1 });
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<Filter>("all");
  const [openId, setOpenId] = useState<string | null>(null);
  const visible = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    return rows
      .filter((row) => matchesFilter(row, filter) && (!needle || row.nickname.toLocaleLowerCase().includes(needle)))
      .sort((a, b) => compareRows(a, b, sort.key, sort.direction));
  }, [rows, query, filter, sort]);

  const toggleSort = (key: SortKey) =>
    setSort((current) => ({ key, direction: current.key === key ? (-current.direction as 1 | -1) : 1 }));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="min-w-48 flex-1">
          <span className="field-label">Filter by nickname</span>
          <input
            className="field-input"
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <label>
          <span className="field-label">Show</span>
          <select className="field-input" value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
            <option value="all">Everyone</option>
            <option value="reached">Reached the target</option>
            <option value="notReached">Did not reach the target</option>
            <option value="mismatch">Report differs from the server&apos;s</option>
          </select>
        </label>
        <p className="text-sm text-slate-700" aria-live="polite">
          {visible.length} of {rows.length} students
        </p>
      </div>
      <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="participants-table">
          <caption className="sr-only">Participants with their best run; column headers sort the table</caption>
          <thead className="bg-slate-100 text-slate-800">
            <tr>
              {COLUMNS.slice(0, 1).map((column) => (
                <SortHeader key={column.key} column={column} sort={sort} onSort={toggleSort} />
              ))}
              <th scope="col" className="px-2 py-2">
                Dataset
              </th>
              {COLUMNS.slice(1, 4).map((column) => (
                <SortHeader key={column.key} column={column} sort={sort} onSort={toggleSort} />
              ))}
              <th scope="col" className="px-2 py-2">
                Activation, optimizer
              </th>
              {COLUMNS.slice(4).map((column) => (
                <SortHeader key={column.key} column={column} sort={sort} onSort={toggleSort} />
              ))}
              <th scope="col" className="px-2 py-2">
                Target
              </th>
              <th scope="col" className="px-2 py-2">
                Flags
              </th>
              <th scope="col" className="px-2 py-2">
                <span className="sr-only">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <Fragment key={row.participantId}>
                <ParticipantRow
                  row={row}
                  isOpen={openId === row.participantId}
                  onToggle={() => setOpenId(openId === row.participantId ? null : row.participantId)}
                />
                {openId === row.participantId ? (
                  <tr id={`detail-${row.participantId}`}>
                    <td colSpan={COLUMN_COUNT} className="border-t border-slate-200 bg-slate-50 p-3">
                      <ParticipantDetail
                        sessionId={sessionId}
                        participantId={row.participantId}
                        dataset={dataset}
                        scope={scope}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: (typeof COLUMNS)[number];
  sort: { key: SortKey; direction: 1 | -1 };
  onSort: (key: SortKey) => void;
}) {
  const isSorted = sort.key === column.key;
  return (
    <th
      scope="col"
      className="px-2 py-2"
      aria-sort={isSorted ? (sort.direction === 1 ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        className="inline-flex items-center gap-1 font-semibold underline-offset-2 hover:underline"
        onClick={() => onSort(column.key)}
      >
        {column.label}
        <span aria-hidden="true">{isSorted ? (sort.direction === 1 ? "▲" : "▼") : "↕"}</span>
      </button>
    </th>
  );
}

function ParticipantRow({ row, isOpen, onToggle }: { row: ReviewRow; isOpen: boolean; onToggle: () => void }) {
  return (
    <tr className="border-t border-slate-200 align-top" data-testid="participant-row">
      <th scope="row" className="px-2 py-2 font-semibold">
        {row.nickname}
        {row.isRemoved ? <span className="ml-1 text-xs font-normal text-slate-600">(removed)</span> : null}
      </th>
      <td className="px-2 py-2">{row.dataset ?? "—"}</td>
      <td className="px-2 py-2 tabular-nums">{row.runCount}</td>
      <td className="px-2 py-2 tabular-nums">{row.hidden ?? "—"}</td>
      <td className="px-2 py-2 tabular-nums">{formatLr(row.lr)}</td>
      <td className="px-2 py-2">{row.activation === null ? "—" : `${row.activation}, ${row.optimizer ?? "?"}`}</td>
      <td className="px-2 py-2 tabular-nums">
        {row.outcome ? outcomeText(row.outcome, row.steps, row.configSteps) : "—"}
      </td>
      <td className="px-2 py-2 tabular-nums" data-testid="row-loss">
        {formatLoss(row.loss)}
        {row.verdict === "unverified" ? (
          <span className="block text-xs text-slate-600">reported, not verified</span>
        ) : null}
        {row.verdict === "mismatch" ? (
          <span className="block text-xs font-semibold text-red-700" title={row.mismatchReason ?? undefined}>
            ⚠ differs: reported {formatLoss(row.reportedLoss)}
          </span>
        ) : null}
      </td>
      <td className="px-2 py-2 tabular-nums" data-testid="row-accuracy">
        {formatAccuracy(row.accuracy)}
        {row.verdict === "mismatch" && row.reportedAccuracy !== row.accuracy ? (
          <span className="block text-xs font-semibold text-red-700">
            reported {formatAccuracy(row.reportedAccuracy)}
          </span>
        ) : null}
      </td>
      <td className="px-2 py-2 tabular-nums">{row.cellsPassed.length > 0 ? row.cellsPassed.join(", ") : "—"}</td>
      <td className="px-2 py-2 tabular-nums" data-testid="row-time">
        {formatDuration(row.timeSpentS)}
      </td>
      <td className="px-2 py-2" data-testid="row-target">
        {row.isReachedTarget ? (
          <span className="font-semibold text-green-800">
            ✓ yes
            {row.stepsToTarget !== null ? (
              <span className="block text-xs font-normal text-slate-700">
                at step {row.stepsToTarget.toLocaleString("en")} (reported)
              </span>
            ) : null}
          </span>
        ) : (
          <span className="text-slate-700">✕ no</span>
        )}
      </td>
      <td className="px-2 py-2" data-testid="row-flags">
        {row.flags.length > 0 ? <AttentionBadges flags={row.flags} name={row.nickname} /> : "—"}
      </td>
      <td className="px-2 py-2">
        <button
          type="button"
          className="btn-secondary px-2 py-1 text-sm"
          aria-expanded={isOpen}
          aria-controls={isOpen ? `detail-${row.participantId}` : undefined}
          aria-label={`Details for ${row.nickname}`}
          onClick={onToggle}
        >
          {isOpen ? "Hide" : "Details"}
        </button>
      </td>
    </tr>
  );
}
