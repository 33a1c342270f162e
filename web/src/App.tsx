import { Suspense, lazy, useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AdminUsersPage } from './features/admin/AdminUsersPage';
import { AgentsAdminPage } from './features/ai/AgentsAdminPage';
import { AiUsagePage } from './features/ai/AiUsagePage';
import { McpServersAdminPage } from './features/ai/McpServersAdminPage';
import { AnonymousOnly, RequireAuth } from './features/auth/RequireAuth';
import { AnalyzeLogPage } from './features/deployments/AnalyzeLogPage';
import { DeploymentDetailPage } from './features/deployments/DeploymentDetailPage';
import { DeploymentsPage } from './features/deployments/DeploymentsPage';
import { session } from './features/auth/session';
import { SignInPage } from './features/auth/SignInPage';
import { SignUpPage } from './features/auth/SignUpPage';
import { useSession } from './features/auth/useSession';
import { ProjectDetailPage } from './features/projects/ProjectDetailPage';
import { ProjectsPage } from './features/projects/ProjectsPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { WorkflowsHome, WorkflowsPage } from './features/workflows/list/WorkflowsPage';
import { AppShell } from './features/shell/AppShell';
import { ApprovalsPage } from './features/workflows/approvals/ApprovalsPage';
import { ExecutionsPage } from './features/workflows/executions/ExecutionsPage';

// The canvas (React Flow, Yjs, dagre) is most of the bundle: load it when an editor opens.
const ExecutionViewPage = lazy(() => import('./features/workflows/executions/ExecutionViewPage').then((m) => ({ default: m.ExecutionViewPage })));
// The chat brings a Markdown renderer along: load it when the chat opens.
const ChatPage = lazy(() => import('./features/chat/ChatPage').then((m) => ({ default: m.ChatPage })));
const WorkflowEditorPage = lazy(() => import('./features/workflows/WorkflowEditorPage').then((m) => ({ default: m.WorkflowEditorPage })));

function SignedInApp() {
  const state = useSession();
  if (state.status !== 'authenticated') return null;
  return <AppShell user={state.user} />;
}

function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">There is nothing at this address.</p>
    </div>
  );
}

export function App() {
  useEffect(() => {
    void session.restore();
  }, []);

  return (
    <Routes>
      <Route path="/signin" element={<AnonymousOnly><SignInPage /></AnonymousOnly>} />
      <Route path="/signup" element={<AnonymousOnly><SignUpPage /></AnonymousOnly>} />
      <Route element={<RequireAuth><SignedInApp /></RequireAuth>}>
        <Route index element={<Navigate to="/projects" replace />} />
        <Route path="/projects" element={<ProjectsPage />} />
        <Route path="/projects/:id" element={<ProjectDetailPage />} />
        <Route path="/projects/:projectId/workflows" element={<WorkflowsPage />} />
        <Route path="/projects/:projectId/executions" element={<ExecutionsPage />} />
        <Route path="/projects/:projectId/deployments" element={<DeploymentsPage />} />
        <Route path="/projects/:projectId/deployments/:deploymentId" element={<DeploymentDetailPage />} />
        <Route path="/executions/:executionId" element={<Suspense fallback={<p role="status" className="p-8 text-sm text-zinc-500">Loading the execution…</p>}><ExecutionViewPage /></Suspense>} />
        <Route path="/chat/:conversationId?" element={<Suspense fallback={<p role="status" className="p-8 text-sm text-zinc-500">Loading the chat…</p>}><ChatPage /></Suspense>} />
        <Route path="/approvals" element={<ApprovalsPage />} />
        <Route path="/workflows" element={<WorkflowsHome />} />
        <Route path="/workflows/:workflowId" element={<Suspense fallback={<p role="status" className="p-8 text-sm text-zinc-500">Loading the editor…</p>}><WorkflowEditorPage /></Suspense>} />
        <Route path="/deployments" element={<Navigate to="/deployments/analyze" replace />} />
        <Route path="/deployments/analyze" element={<AnalyzeLogPage />} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="/admin/users" element={<AdminUsersPage />} />
        <Route path="/admin/agents" element={<AgentsAdminPage />} />
        <Route path="/admin/mcp" element={<McpServersAdminPage />} />
        <Route path="/admin/ai" element={<AiUsagePage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
