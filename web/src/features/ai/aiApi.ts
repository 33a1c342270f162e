import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { api } from '../auth/session';
import type { AgentView } from '../chat/chatApi';

export type { AgentView };
export type AgentRequest = Schemas['AgentRequest'];
export type McpServer = Schemas['Server'];
export type McpTool = Schemas['McpTool'];
export type GatewayStatus = Schemas['GatewayStatus'];
export type ProviderStatus = Schemas['ProviderStatus'];
export type ModelUsage = Schemas['ModelUsage'];
export type UsageSums = Schemas['ModelUsageSums'];
export type UsageGrouping = ModelUsage['groupBy'];
export type ProjectModelSettings = Schemas['ProjectModelSettings'];
export type ProjectModelSettingsRequest = Schemas['ProjectModelSettingsRequest'];
export type UserModelBudget = Schemas['UserModelBudget'];

/** What registering an MCP server takes. */
export type McpRegistration = Schemas['McpServerRegistration'];

// Agents

export async function listAgents(projectId?: string): Promise<AgentView[]> {
  return unwrap(await api.GET('/api/agents', { params: { query: projectId ? { projectId } : {} } }));
}

export async function listAgentTools(): Promise<string[]> {
  return unwrap(await api.GET('/api/agent-tools'));
}

export async function getAgent(agentId: string): Promise<AgentView> {
  return unwrap(await api.GET('/api/agents/{agentId}', { params: { path: { agentId } } }));
}

export async function createAgent(agentId: string, body: AgentRequest): Promise<AgentView> {
  return unwrap(await api.POST('/api/agents/{agentId}', { params: { path: { agentId } }, body }));
}

export async function updateAgent(agentId: string, body: AgentRequest): Promise<AgentView> {
  return unwrap(await api.PUT('/api/agents/{agentId}', { params: { path: { agentId } }, body }));
}

export async function deleteAgent(agentId: string): Promise<void> {
  unwrap(await api.DELETE('/api/agents/{agentId}', { params: { path: { agentId } } }));
}

export async function switchAgent(projectId: string, agentId: string, enabled: boolean): Promise<AgentView> {
  return unwrap(await api.PUT('/api/projects/{projectId}/agents/{agentId}', { params: { path: { projectId, agentId } }, body: { enabled } }));
}

// MCP servers

export async function listMcpServers(): Promise<McpServer[]> {
  return unwrap(await api.GET('/api/admin/mcp/servers'));
}

export async function registerMcpServer(registration: McpRegistration): Promise<McpServer> {
  return unwrap(await api.POST('/api/admin/mcp/servers', { body: registration }));
}

export async function deleteMcpServer(serverId: string): Promise<void> {
  unwrap(await api.DELETE('/api/admin/mcp/servers/{serverId}', { params: { path: { serverId } } }));
}

/** Asks the server for its tools now; the document lists no 200 answer, but it is the server as stored. */
export async function listMcpServerTools(serverId: string): Promise<McpServer> {
  return unwrap(await api.POST('/api/admin/mcp/servers/{serverId}/tools', { params: { path: { serverId } } }));
}

export async function allowMcpTools(serverId: string, agentId: string, tools: string[]): Promise<McpServer> {
  return unwrap(await api.PUT('/api/admin/mcp/servers/{serverId}/agents/{agentId}', { params: { path: { serverId, agentId } }, body: { tools } }));
}

// Model gateway

export async function getModelStatus(projectId?: string): Promise<GatewayStatus> {
  return unwrap(await api.GET('/api/llm/status', { params: { query: projectId ? { projectId } : {} } }));
}

export interface UsageQuery {
  projectId?: string;
  from?: string;
  to?: string;
  groupBy: UsageGrouping;
}

export async function getModelUsage({ projectId, from, to, groupBy }: UsageQuery): Promise<ModelUsage> {
  const query = { groupBy, ...(projectId ? { projectId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  return unwrap(await api.GET('/api/llm/usage', { params: { query } }));
}

export async function getProjectModelSettings(projectId: string): Promise<ProjectModelSettings> {
  return unwrap(await api.GET('/api/projects/{projectId}/llm', { params: { path: { projectId } } }));
}

export async function replaceProjectModelSettings(projectId: string, body: ProjectModelSettingsRequest): Promise<ProjectModelSettings> {
  return unwrap(await api.PUT('/api/projects/{projectId}/llm', { params: { path: { projectId } }, body }));
}

export async function getUserBudget(userId: string): Promise<UserModelBudget> {
  return unwrap(await api.GET('/api/admin/llm/users/{userId}/budget', { params: { path: { userId } } }));
}

/** Sets a user's monthly budget; `null` removes theirs, so the instance's default applies. */
export async function setUserBudget(userId: string, monthlyBudgetUsd: number | null): Promise<UserModelBudget> {
  return unwrap(await api.PUT('/api/admin/llm/users/{userId}/budget', { params: { path: { userId } }, body: { monthlyBudgetUsd } }));
}

/**
 * The credential kind whose API key a provider takes (as the project settings endpoint documents:
 * `anthropic` for Anthropic, `openai` for OpenAI and OpenAI-compatible servers).
 */
export const credentialKindFor = (provider: string): string => (provider === 'anthropic' ? 'anthropic' : 'openai');

