import type { NodeDescriptor, Port, PortType } from '../api';
import { isJsonObject } from '../api';
import type { EdgeRecord, NodeRecord } from './workflowDoc';

/** The node catalog (GET /api/node-types), looked up by type and version. */
export class Catalog {
  private readonly byKey = new Map<string, NodeDescriptor>();
  private readonly latest = new Map<string, NodeDescriptor>();
  readonly all: readonly NodeDescriptor[];

  constructor(descriptors: readonly NodeDescriptor[]) {
    this.all = descriptors;
    for (const d of descriptors) {
      if (!d.type) continue;
      this.byKey.set(`${d.type}@${d.version ?? 1}`, d);
      const current = this.latest.get(d.type);
      if (!current || (current.version ?? 1) < (d.version ?? 1)) this.latest.set(d.type, d);
    }
  }

  find(type: string, version?: number): NodeDescriptor | undefined {
    return (version !== undefined ? this.byKey.get(`${type}@${version}`) : undefined) ?? this.latest.get(type);
  }

  /** The newest version of each type, grouped by category (categories and names sorted). */
  grouped(query = ''): Array<{ category: string; items: NodeDescriptor[] }> {
    const needle = query.trim().toLowerCase();
    const matches = [...this.latest.values()].filter((d) =>
      !needle || [d.displayName, d.type, d.description, d.category].some((text) => text?.toLowerCase().includes(needle)),
    );
    const groups = new Map<string, NodeDescriptor[]>();
    for (const d of matches) {
      const category = d.category ?? 'other';
      groups.set(category, [...(groups.get(category) ?? []), d]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => categoryRank(a) - categoryRank(b) || a.localeCompare(b))
      .map(([category, items]) => ({ category, items: items.sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '')) }));
  }
}

const CATEGORY_ORDER = ['trigger', 'flow', 'data', 'integration'];
const categoryRank = (category: string): number => {
  const index = CATEGORY_ORDER.indexOf(category);
  return index < 0 ? CATEGORY_ORDER.length : index;
};

export const ERROR_PORT: Port = { name: 'error', displayName: 'Error', type: 'OBJECT' };

/**
 * A node's output ports as the server's validation sees them: the type's outputs, a Switch's one
 * port per case (the server computes those from the parameters; the catalog only lists `default`),
 * and `error` when the node routes its errors.
 */
export function outputPorts(node: Pick<NodeRecord, 'type' | 'parameters' | 'onError'>, descriptor: NodeDescriptor | undefined): Port[] {
  const ports: Port[] = [];
  if (node.type === 'switch' && Array.isArray(node.parameters.cases)) {
    node.parameters.cases.forEach((item, i) => {
      const label = isJsonObject(item) && typeof item.label === 'string' && item.label.trim() ? item.label : `Case ${i + 1}`;
      ports.push({ name: `case${i}`, displayName: label, type: 'ANY' });
    });
  }
  ports.push(...(descriptor?.outputs ?? []));
  if (node.onError === 'route') ports.push(ERROR_PORT);
  return ports;
}

export const inputPorts = (descriptor: NodeDescriptor | undefined): Port[] => descriptor?.inputs ?? [];

/** The server's rule (PortType.canFeed): either side is ANY, or both are the same type. */
export const canFeed = (output: PortType, input: PortType): boolean => output === 'ANY' || input === 'ANY' || output === input;

const lower = (type: PortType | undefined) => (type ?? 'ANY').toLowerCase();

/**
 * Why an edge may not be added, in the words of the server's validation; null when it may.
 * Mirrors WorkflowValidator.checkEdges (unknown ports, incompatible types, duplicates) and also
 * refuses what the canvas can tell at once (a node feeding itself).
 */
export function connectionProblem(
  edge: EdgeRecord,
  nodes: ReadonlyMap<string, NodeRecord>,
  existing: readonly EdgeRecord[],
  catalog: Catalog,
): string | null {
  const source = nodes.get(edge.source);
  const target = nodes.get(edge.target);
  if (!source || !target) return 'The connection refers to a node that does not exist.';
  if (source.id === target.id) return 'A node cannot feed itself.';
  const sourceName = source.name || source.id;
  const targetName = target.name || target.id;
  const out = outputPorts(source, catalog.find(source.type, source.typeVersion)).find((p) => p.name === edge.sourcePort);
  const into = inputPorts(catalog.find(target.type, target.typeVersion)).find((p) => p.name === edge.targetPort);
  if (!out) return `${sourceName} has no output "${edge.sourcePort}".`;
  if (!into) return `${targetName} has no input "${edge.targetPort}".`;
  if (existing.some((e) => e.source === edge.source && e.sourcePort === edge.sourcePort && e.target === edge.target && e.targetPort === edge.targetPort)) {
    return 'This connection exists already.';
  }
  if (!canFeed(out.type ?? 'ANY', into.type ?? 'ANY')) {
    return `Output "${out.name}" of ${sourceName} carries ${lower(out.type)} but input "${into.name}" of ${targetName} takes ${lower(into.type)}.`;
  }
  return null;
}
