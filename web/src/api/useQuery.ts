import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from './client';
import { asProblem } from './problem';

export interface QueryState<T> {
  data: T | null;
  problem: Problem | null;
  loading: boolean;
  reload: () => void;
  /** Replace the cached data after a successful mutation. */
  setData: (data: T) => void;
}

/** Runs `load` whenever `key` changes; ignores answers that arrive after a newer request started. */
export function useQuery<T>(key: string, load: () => Promise<T>): QueryState<T> {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    loadRef.current().then(
      (result) => {
        if (!current) return;
        setData(result);
        setProblem(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (!current) return;
        setProblem(asProblem(error));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, problem, loading, reload, setData };
}
