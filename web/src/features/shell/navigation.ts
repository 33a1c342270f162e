export interface NavItem {
  label: string;
  to: string;
  available: boolean;
  adminOnly?: boolean;
  /** Shown as a tooltip and description for items that are not yet available. */
  note?: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Projects', to: '/projects', available: true },
  { label: 'Chat', to: '/chat', available: true },
  { label: 'Workflows', to: '/workflows', available: true },
  { label: 'Approvals', to: '/approvals', available: true },
  // Deployment timelines are per project (linked from the project page); the shared entry is the log analysis.
  { label: 'Deployments', to: '/deployments/analyze', available: true },
  { label: 'Plugins', to: '/plugins', available: false, note: 'Plugins are not yet available. They are coming in a later release.' },
  { label: 'Settings', to: '/settings', available: true },
];

export const ADMIN_ITEMS: readonly NavItem[] = [
  { label: 'Users', to: '/admin/users', available: true, adminOnly: true },
  { label: 'Agents', to: '/admin/agents', available: true, adminOnly: true },
  { label: 'MCP servers', to: '/admin/mcp', available: true, adminOnly: true },
  { label: 'AI usage', to: '/admin/ai', available: true, adminOnly: true },
];
