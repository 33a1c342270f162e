import dagre from '@dagrejs/dagre';
import type { EdgeRecord, NodeRecord, Position } from './workflowDoc';

const WIDTH = 220;
const HEIGHT = 90;

/** Left-to-right layered layout (dagre) of the nodes; returns each node's new top-left corner. */
export function autoLayout(nodes: readonly NodeRecord[], edges: readonly EdgeRecord[], sizes: ReadonlyMap<string, { width: number; height: number }> = new Map()): Map<string, Position> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 50, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    const size = sizes.get(node.id) ?? { width: WIDTH, height: HEIGHT };
    graph.setNode(node.id, { width: size.width, height: size.height });
  }
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);
  const positions = new Map<string, Position>();
  for (const node of nodes) {
    const laid = graph.node(node.id);
    if (!laid) continue;
    positions.set(node.id, { x: Math.round(laid.x - laid.width / 2), y: Math.round(laid.y - laid.height / 2) });
  }
  return positions;
}

/**
 * The first place at or below `wanted` where a node does not cover another one, so that nodes
 * added one after another from the keyboard line up instead of stacking.
 */
export function freeSpot(wanted: Position, nodes: readonly Pick<NodeRecord, 'position'>[]): Position {
  const overlaps = (p: Position) => nodes.some((n) => Math.abs(n.position.x - p.x) < WIDTH && Math.abs(n.position.y - p.y) < HEIGHT + 10);
  for (let step = 0; step < 50; step += 1) {
    const candidate = { x: wanted.x, y: wanted.y + step * (HEIGHT + 20) };
    if (!overlaps(candidate)) return candidate;
  }
  return wanted;
}
