import { MAX_HIDDEN, parameterSum } from "@/lib/ml/nn";

/**
 * A run's parameter count with the chapter's working, "8×2 + 8 + 8 + 1 = 33 parameters", for any
 * stored or live hidden size in range; nothing for one that is not (an old or doctored config).
 */
export function ParameterCount({ hidden, className }: { hidden: unknown; className?: string }) {
  const isValid = typeof hidden === "number" && Number.isInteger(hidden) && hidden >= 0 && hidden <= MAX_HIDDEN;
  if (!isValid) return null;
  return (
    <p className={className} data-testid="parameter-count">
      {parameterSum(hidden)} parameters
    </p>
  );
}
