import type { NodeDescriptor } from '../api';
import { Catalog } from './catalog';

/** A small catalog shaped like the server's (see the node classes in dev.nex7.workflow.nodes). */
export const DESCRIPTORS: NodeDescriptor[] = [
  {
    type: 'webhook', version: 1, displayName: 'Webhook', category: 'trigger', icon: 'webhook', kind: 'TRIGGER',
    inputs: [], outputs: [{ name: 'main', displayName: 'Request', type: 'OBJECT' }],
    credentials: [{ name: 'hmac', required: false, kinds: ['hmac'] }],
    parameterSchema: {
      type: 'object',
      properties: {
        method: { type: 'string', enum: ['ANY', 'GET', 'POST'], default: 'POST', title: 'HTTP method' },
        responseTimeoutMs: { type: 'integer', minimum: 100, default: 30000, title: 'Response timeout (ms)' },
      },
    },
  },
  {
    type: 'set', version: 1, displayName: 'Set fields', category: 'data', icon: 'pencil', kind: 'ACTION',
    inputs: [{ name: 'main', displayName: 'Main', type: 'ANY' }], outputs: [{ name: 'main', displayName: 'Main', type: 'ANY' }],
    parameterSchema: {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['merge', 'replace'], default: 'merge', title: 'Mode' },
        fields: { type: 'array', items: { type: 'object' }, default: [], title: 'Fields' },
      },
      required: ['fields'],
    },
  },
  {
    type: 'transform', version: 1, displayName: 'Transform', category: 'data', icon: 'shuffle', kind: 'ACTION',
    inputs: [{ name: 'main', displayName: 'Main', type: 'ANY' }], outputs: [{ name: 'main', displayName: 'Main', type: 'ANY' }],
    parameterSchema: {
      type: 'object',
      properties: { expression: { type: 'string', title: 'JSONata expression', 'x-editor': 'jsonata', default: '$input' } },
      required: ['expression'],
    },
  },
  {
    type: 'count', version: 1, displayName: 'Count', category: 'data', kind: 'ACTION',
    inputs: [{ name: 'main', displayName: 'Main', type: 'ANY' }], outputs: [{ name: 'main', displayName: 'Number', type: 'NUMBER' }],
    parameterSchema: { type: 'object', properties: {} },
  },
  {
    type: 'split-text', version: 1, displayName: 'Split text', category: 'data', kind: 'ACTION',
    inputs: [{ name: 'main', displayName: 'Text', type: 'TEXT' }], outputs: [{ name: 'main', displayName: 'Main', type: 'ARRAY' }],
    parameterSchema: { type: 'object', properties: {} },
  },
  {
    type: 'switch', version: 1, displayName: 'Switch', category: 'flow', kind: 'ACTION',
    inputs: [{ name: 'main', displayName: 'Main', type: 'ANY' }], outputs: [{ name: 'default', displayName: 'Default', type: 'ANY' }],
    parameterSchema: { type: 'object', properties: { cases: { type: 'array', title: 'Cases' } } },
  },
];

export const testCatalog = () => new Catalog(DESCRIPTORS);

export function descriptor(type: string): NodeDescriptor {
  const found = DESCRIPTORS.find((d) => d.type === type);
  if (!found) throw new Error(`no test descriptor ${type}`);
  return found;
}
