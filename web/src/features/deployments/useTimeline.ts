import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from '../../api/client';
import { asProblem } from '../../api/problem';
import { listDeployments, PAGE_SIZE, type Deployment, type DeploymentStatus } from './deploymentsApi';

/**
 * The timeline after a fresh look at its newest page: the fresh page, then the older deployments
 * already loaded. A short fresh page is the whole (filtered) timeline; otherwise what is older than
 * its oldest entry stays as it was.
 */
export function mergeNewest(current: readonly Deployment[], fresh: readonly Deployment[], pageSize = PAGE_SIZE): Deployment[] {
  if (fresh.length < pageSize) return [...fresh];
  const oldest = fresh[fresh.length - 1];
  const seen = new Set(fresh.map((d) => d.id));
  const cutoff = oldest ? Date.parse(oldest.createdAt) : Number.POSITIVE_INFINITY;
  return [...fresh, ...current.filter((d) => !seen.has(d.id) && Date.parse(d.createdAt) < cutoff)];
}

interface TimelineState {
  items: Deployment[];
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  problem: Problem | null;
}

const LOADING: TimelineState = { items: [], hasMore: false, loading: true, loadingMore: false, problem: null };

export interface Timeline extends TimelineState {
  /** Appends the page before the oldest deployment shown. */
  loadMore: () => Promise<void>;
  /** Looks at the newest page again (what polling calls). */
  refresh: () => Promise<void>;
  /** Shows a deployment just started here, if the filter lets it in. */
  add: (deployment: Deployment) => void;
}

/** A project's deployments, newest first, `status` only when given, paged by `before`. */
export function useTimeline(projectId: string, status: DeploymentStatus | undefined): Timeline {
  const key = `${projectId}|${status ?? ''}`;
  const [state, setState] = useState<TimelineState>(LOADING);
  // Answers for another project or filter than the one now shown are dropped.
  const keyRef = useRef(key);
  keyRef.current = key;
  const itemsRef = useRef(state.items);
  itemsRef.current = state.items;

  useEffect(() => {
    setState(LOADING);
    listDeployments(projectId, { status }).then(
      (page) => keyRef.current === key && setState({ ...LOADING, loading: false, items: page, hasMore: page.length === PAGE_SIZE }),
      (error: unknown) => keyRef.current === key && setState({ ...LOADING, loading: false, problem: asProblem(error) }),
    );
  }, [key, projectId, status]);

  const loadMore = useCallback(async () => {
    const oldest = itemsRef.current[itemsRef.current.length - 1];
    if (!oldest) return;
    setState((s) => ({ ...s, loadingMore: true, problem: null }));
    try {
      const page = await listDeployments(projectId, { status, before: oldest.createdAt });
      if (keyRef.current !== key) return;
      setState((s) => {
        const seen = new Set(s.items.map((d) => d.id));
        return { ...s, loadingMore: false, items: [...s.items, ...page.filter((d) => !seen.has(d.id))], hasMore: page.length === PAGE_SIZE };
      });
    } catch (error) {
      if (keyRef.current === key) setState((s) => ({ ...s, loadingMore: false, problem: asProblem(error) }));
    }
  }, [key, projectId, status]);

  const refresh = useCallback(async () => {
    const page = await listDeployments(projectId, { status });
    if (keyRef.current === key) setState((s) => ({ ...s, items: mergeNewest(s.items, page), hasMore: page.length < PAGE_SIZE ? false : s.hasMore }));
  }, [key, projectId, status]);

  const add = useCallback(
    (deployment: Deployment) => {
      if (status && deployment.status !== status) return;
      setState((s) => ({ ...s, items: [deployment, ...s.items.filter((d) => d.id !== deployment.id)] }));
    },
    [status],
  );

  return { ...state, loadMore, refresh, add };
}
