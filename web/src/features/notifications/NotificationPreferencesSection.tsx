import { useQuery } from '../../api/useQuery';
import { useActions } from '../../api/useActions';
import { Alert } from '../../ui/Alert';
import { Spinner } from '../../ui/Button';
import { Section } from '../../ui/Section';
import { Switch } from '../../ui/Switch';
import { loadPreferences, savePreference, type PreferenceView, type PreferencesView } from './notificationsApi';

/** The signed-in person's notification preferences: per kind, in the app and by email, saved as they are switched. */
export function NotificationPreferencesSection() {
  const query = useQuery<PreferencesView>('notification-preferences', loadPreferences);
  const { busy, problem, run } = useActions();
  const preferences = query.data;

  const change = (preference: PreferenceView, channel: 'inApp' | 'email', on: boolean) =>
    void run(`${preference.kind}:${channel}`, async () => {
      query.setData(await savePreference({ kind: preference.kind, inApp: preference.inApp, email: preference.email, [channel]: on }));
    });

  return (
    <Section title="Notifications" description="What you hear about your projects' deployments, in NEX7 (the bell) and by email.">
      {query.problem && <Alert>{query.problem.detail ?? query.problem.title}</Alert>}
      {problem && <Alert className="mb-3">{problem.detail ?? problem.title}</Alert>}
      {!preferences && query.loading && (
        <p className="flex items-center gap-2 text-sm text-zinc-500" role="status">
          <Spinner /> Loading…
        </p>
      )}
      {preferences && (
        <div className="space-y-3">
          {!preferences.emailConfigured && (
            <Alert tone="info">Email is not configured on this server, so no notification is emailed. An administrator can set up SMTP.</Alert>
          )}
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-zinc-500 dark:text-zinc-400">
                <th scope="col" className="py-2 font-medium">Kind</th>
                <th scope="col" className="w-24 py-2 font-medium">In NEX7</th>
                <th scope="col" className="w-24 py-2 font-medium">Email</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {preferences.kinds.map((preference) => (
                <tr key={preference.kind}>
                  <th scope="row" className="py-2.5 text-left font-medium text-zinc-800 dark:text-zinc-200">
                    {preference.title}
                  </th>
                  <td className="py-2.5">
                    <Switch
                      label={`${preference.title} in NEX7`}
                      checked={preference.inApp}
                      busy={busy === `${preference.kind}:inApp`}
                      onChange={(on) => change(preference, 'inApp', on)}
                    />
                  </td>
                  <td className="py-2.5">
                    <Switch
                      label={`${preference.title} by email`}
                      checked={preferences.emailConfigured && preference.email}
                      disabled={!preferences.emailConfigured}
                      description={preferences.emailConfigured ? undefined : 'Email is not configured'}
                      busy={busy === `${preference.kind}:email`}
                      onChange={(on) => change(preference, 'email', on)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
