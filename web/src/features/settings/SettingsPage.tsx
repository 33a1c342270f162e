import { McpTokensSection, McpToolsSection } from '../mcp/McpTokensSection';
import { NotificationPreferencesSection } from '../notifications/NotificationPreferencesSection';

/** The signed-in user's own settings: what they are notified about, and the MCP tokens that let other agents call their workflows. */
export function SettingsPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Settings</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Connections that act as you.</p>
      </div>
      <NotificationPreferencesSection />
      <McpTokensSection />
      <McpToolsSection />
    </div>
  );
}
