import { useMemo } from 'react';
import { unwrap } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { api } from '../auth/session';

/** The project's members' names by user id (who edited a workflow, who started a run). */
export function useMemberNames(projectId: string): ReadonlyMap<string, string> {
  const members = useQuery(`members|${projectId}`, async () =>
    unwrap(await api.GET('/api/projects/{projectId}/members', { params: { path: { projectId } } })),
  );
  return useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m.name])), [members.data]);
}
