import type { Schemas } from '../../api/client';

/** Server types for workflows, generated from openapi.json (see api/client.ts). */
export type WorkflowDefinition = Schemas['WorkflowDefinition'];
export type NodeDefinition = Schemas['NodeDefinition'];
export type EdgeDefinition = Schemas['EdgeDefinition'];
export type RetryPolicy = Schemas['RetryPolicy'];
export type OnError = NonNullable<NodeDefinition['onError']>;
export type WorkflowView = Schemas['WorkflowView'];
export type WorkflowSummary = Schemas['WorkflowSummary'];
export type NodeDescriptor = Schemas['NodeDescriptor'];
export type Port = Schemas['Port'];
export type PortType = NonNullable<Port['type']>;
export type ValidationProblem = Schemas['ValidationProblem'];
export type ExecutionSummary = Schemas['ExecutionSummary'];
export type ExecutionDetail = Schemas['ExecutionDetail'];
export type NodeRunView = Schemas['NodeRunView'];
export type NodeRunStatus = NonNullable<NodeRunView['status']>;
export type ExecutionStatus = NonNullable<ExecutionSummary['status']>;
export type CredentialView = Schemas['CredentialView'];
export type CredentialKind = Schemas['CredentialKind'];
export type CredentialField = Schemas['CredentialField'];

/** Any JSON value, as parameters, inputs and outputs are. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
