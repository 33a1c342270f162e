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
