/**
 * Which runs a review view is about: a class that changed dataset, or was taught from a lesson,
 * is reviewed one dataset and one step at a time, and the detail and the replay follow the page.
 */

/** A dataset and a lesson step (0-based); null in either means "any". */
export type RunScope = { readonly dataset: string | null; readonly step: number | null };

/** Every run. */
export const ALL_RUNS: RunScope = { dataset: null, step: null };

/** True when `run` is in `scope`. */
export function isInScope(run: { config: { dataset: string }; lessonStep: number | null }, scope: RunScope): boolean {
  return (
    (scope.dataset === null || run.config.dataset === scope.dataset) &&
    (scope.step === null || run.lessonStep === scope.step)
  );
}

/**
 * The scope as the review's query parameters (`dataset`, `step` from 1 as pages number steps),
 * for the detail and replay requests.
 */
export function scopeSearchParams(scope: RunScope): URLSearchParams {
  const params = new URLSearchParams();
  if (scope.dataset !== null) params.set("dataset", scope.dataset);
  if (scope.step !== null) params.set("step", String(scope.step + 1));
  return params;
}
