import { useState } from 'react';
import { Navigate } from 'react-router';
import type { Problem, UserPage, UserRole, UserView } from '../../api/client';
import { asProblem, unwrap } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { api } from '../auth/session';
import { useSession } from '../auth/useSession';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Spinner } from '../../ui/Button';
import { SelectField, type Option } from '../../ui/fields';
import { formatDateTime, timeAgo } from '../../ui/format';
import { Pagination } from '../../ui/Pagination';

const USER_ROLES: ReadonlyArray<Option<UserRole>> = [
  { value: 'user', label: 'User' },
  { value: 'admin', label: 'Admin' },
];

function RoleCell({ user, isMe, onChanged, onProblem }: { user: UserView; isMe: boolean; onChanged: (u: UserView) => void; onProblem: (p: Problem | null) => void }) {
  const [busy, setBusy] = useState(false);
  async function change(role: UserRole) {
    setBusy(true);
    onProblem(null);
    try {
      onChanged(unwrap(await api.PATCH('/api/admin/users/{userId}', { params: { path: { userId: user.id } }, body: { role } })));
    } catch (error) {
      onProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <SelectField
      label={`Role for ${user.name}`}
      containerClassName="w-32 [&>label]:sr-only"
      options={USER_ROLES}
      value={user.role}
      disabled={isMe || busy}
      title={isMe ? 'You cannot change your own role' : undefined}
      hint={isMe ? 'Your own role cannot be changed here.' : undefined}
      onChange={(e) => void change(e.target.value === 'admin' ? 'admin' : 'user')}
    />
  );
}

export function AdminUsersPage() {
  const state = useSession();
  const [page, setPage] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const query = useQuery<UserPage>(`users:${page}`, async () =>
    unwrap(await api.GET('/api/admin/users', { params: { query: { page, size: 20, sort: 'createdAt,desc' } } })),
  );
  if (state.status !== 'authenticated') return null;
  if (state.user.role !== 'admin') return <Navigate to="/projects" replace />;
  const me = state.user;
  const data = query.data;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Users</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Everyone with a NEX7 account. Admins can manage all users.</p>
      </div>
      {problem && <Alert>{problem.detail ?? problem.title}</Alert>}
      {query.problem && <Alert>{query.problem.status === 403 ? 'You need to be an admin to see this page.' : (query.problem.detail ?? query.problem.title)}</Alert>}
      {!data && query.loading && (
        <p className="flex items-center gap-2 text-sm text-zinc-500" role="status">
          <Spinner /> Loading users…
        </p>
      )}
      {data && (
        <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Users</caption>
              <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-500 uppercase dark:border-zinc-800 dark:bg-zinc-900/60 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-4 py-2.5">User</th>
                  <th scope="col" className="px-4 py-2.5">Role</th>
                  <th scope="col" className="px-4 py-2.5">Joined</th>
                  <th scope="col" className="px-4 py-2.5">Last sign-in</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {data.items.map((u) => (
                  <tr key={u.id}>
                    <td className="px-4 py-3">
                      <p className="flex items-center gap-2 font-medium text-zinc-900 dark:text-zinc-100">
                        {u.name} {u.id === me.id && <Badge>You</Badge>}
                      </p>
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">{u.email}</p>
                    </td>
                    <td className="px-4 py-3 align-top">
                      <RoleCell
                        user={u}
                        isMe={u.id === me.id}
                        onProblem={setProblem}
                        onChanged={(changed) => query.setData({ ...data, items: data.items.map((x) => (x.id === changed.id ? changed : x)) })}
                      />
                    </td>
                    <td className="px-4 py-3 text-zinc-500 dark:text-zinc-400">{formatDateTime(u.createdAt)}</td>
                    <td className="px-4 py-3 text-zinc-500 dark:text-zinc-400">{u.lastLoginAt ? timeAgo(u.lastLoginAt) : 'Never'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={data.page} totalPages={data.totalPages} totalItems={data.totalItems} noun="user" onPage={setPage} />
        </div>
      )}
    </div>
  );
}
