import { useCallback, useState } from 'react';
import type { Problem } from './client';
import { asProblem } from './problem';

/**
 * Runs one user action at a time by key (so the right button shows busy) and keeps the problem
 * the last one ended with. `describe` may turn other failures into a Problem.
 */
export function useActions(describe: (error: unknown) => Problem = asProblem) {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const run = useCallback(
    async (key: string, action: () => Promise<void>) => {
      setBusy(key);
      setProblem(null);
      try {
        await action();
      } catch (error) {
        setProblem(describe(error));
      } finally {
        setBusy(null);
      }
    },
    [describe],
  );
  return { busy, problem, run };
}
