import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderAt } from '../../test/render';
import { Sidebar } from './Sidebar';

describe('sidebar navigation', () => {
  it.each([['Projects', '/projects'], ['Chat', '/chat'], ['Workflows', '/workflows'], ['Approvals', '/approvals'], ['Deployments', '/deployments/analyze'], ['Settings', '/settings']])('links to %s', (label, href) => {
    renderAt('/projects', <Sidebar role="user" />);
    expect(screen.getByRole('link', { name: label })).toHaveAttribute('href', href);
  });

  it.each(['Plugins'])('shows %s as disabled and not yet available', (label) => {
    renderAt('/projects', <Sidebar role="user" />);
    const item = screen.getByRole('link', { name: new RegExp(`^${label}`) });
    expect(item).toHaveAttribute('aria-disabled', 'true');
    expect(item).not.toHaveAttribute('href');
    expect(item).toHaveTextContent('Soon');
    expect(item).toHaveAccessibleDescription(/not yet available/);
    expect(item.getAttribute('title')).toMatch(/not yet available/);
  });

  it.each([['Users', '/admin/users'], ['Agents', '/admin/agents'], ['MCP servers', '/admin/mcp'], ['AI usage', '/admin/ai']])('shows the %s admin page only to admins', (label, href) => {
    const { unmount } = renderAt('/projects', <Sidebar role="user" />);
    expect(screen.queryByRole('link', { name: label })).not.toBeInTheDocument();
    unmount();
    renderAt('/projects', <Sidebar role="admin" />);
    expect(screen.getByRole('link', { name: label })).toHaveAttribute('href', href);
  });
});
