import { Spinner } from './Button';

/** What is being loaded, with a spinner, announced politely. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="flex items-center gap-2 text-sm text-zinc-500" role="status">
      <Spinner /> Loading {what}…
    </p>
  );
}
