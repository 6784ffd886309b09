/** The form-level error, announced to screen readers as soon as it appears. */
export function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}
