import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { WebsocketProvider } from 'y-websocket';
import { peersOf, type Peer } from './CollabSync';

/** The other people in this workflow's editor, live. */
export function usePeers(provider: WebsocketProvider | null): Peer[] {
  const cache = useRef<Peer[]>([]);
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!provider) return () => undefined;
      const self = provider.awareness.clientID;
      const changed = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        // Your own pointer moves on every frame: only the others' changes re-render the editor.
        if ([...added, ...updated, ...removed].every((clientId) => clientId === self)) return;
        const next = peersOf(provider);
        if (JSON.stringify(next) === JSON.stringify(cache.current)) return;
        cache.current = next;
        listener();
      };
      cache.current = peersOf(provider);
      provider.awareness.on('change', changed);
      return () => provider.awareness.off('change', changed);
    },
    [provider],
  );
  return useSyncExternalStore(subscribe, () => cache.current);
}

/** Tells the others where this person's pointer is (in flow coordinates) and what they selected. */
export function useLocalPresence(provider: WebsocketProvider | null, selection: readonly string[]) {
  const flow = useReactFlow();
  const frame = useRef<number | null>(null);
  useEffect(() => {
    provider?.awareness.setLocalStateField('selection', [...selection]);
  }, [provider, selection]);
  const onPointerMove = useCallback(
    (event: { clientX: number; clientY: number }) => {
      if (!provider || frame.current !== null) return;
      const { clientX, clientY } = event;
      // At most one awareness update per frame.
      frame.current = requestAnimationFrame(() => {
        frame.current = null;
        const at = flow.screenToFlowPosition({ x: clientX, y: clientY });
        provider.awareness.setLocalStateField('cursor', { x: Math.round(at.x), y: Math.round(at.y) });
      });
    },
    [flow, provider],
  );
  const onPointerLeave = useCallback(() => provider?.awareness.setLocalStateField('cursor', null), [provider]);
  return { onPointerMove, onPointerLeave };
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

/** Avatars of the people editing with you. */
export function PresenceAvatars({ peers }: { peers: readonly Peer[] }) {
  if (peers.length === 0) return null;
  return (
    <ul className="flex -space-x-1.5" aria-label="Also editing">
      {peers.map((peer) => (
        <li
          key={peer.clientId}
          title={peer.name}
          aria-label={peer.name}
          data-testid="peer-avatar"
          className="flex size-7 items-center justify-center rounded-full border-2 border-white text-[11px] font-semibold text-white dark:border-zinc-900"
          style={{ backgroundColor: peer.color }}
        >
          {initials(peer.name)}
        </li>
      ))}
    </ul>
  );
}

const flowElement = (state: ReactFlowState) => state.domNode;

/**
 * Draws its children in the flow's coordinates, like React Flow's ViewportPortal, but looks the
 * portal element up once: ViewportPortal queries the DOM in a store selector, i.e. on every pan
 * frame and every node update of a 500-node canvas.
 */
function InViewport({ children }: { children: ReactNode }) {
  const flow = useStore(flowElement);
  const target = useMemo(() => flow?.querySelector('.react-flow__viewport-portal') ?? null, [flow]);
  return target ? createPortal(children, target) : null;
}

/** The others' pointers and selections, drawn on the canvas in flow coordinates. */
export function RemoteCursors({ peers }: { peers: readonly Peer[] }) {
  const flow = useReactFlow();
  return (
    <InViewport>
      {peers.flatMap((peer) =>
        peer.selection.map((id) => {
          const node = flow.getNode(id);
          if (!node) return null;
          return (
            <div
              key={`${peer.clientId}:${id}`}
              data-testid="peer-selection"
              className="pointer-events-none absolute rounded-lg border-2"
              style={{
                borderColor: peer.color,
                transform: `translate(${node.position.x - 4}px, ${node.position.y - 4}px)`,
                width: (node.measured?.width ?? 220) + 8,
                height: (node.measured?.height ?? 60) + 8,
              }}
            />
          );
        }),
      )}
      {peers.map(({ clientId, cursor, color, name }) =>
        cursor === null ? null : (
          <div
            key={clientId}
            data-testid="peer-cursor"
            className="pointer-events-none absolute left-0 top-0"
            style={{ transform: `translate(${cursor.x}px, ${cursor.y}px)` }}
          >
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M1 1 L14 7 L8 9 L6 15 Z" fill={color} stroke="white" strokeWidth="1" />
            </svg>
            <span className="ml-3 whitespace-nowrap rounded px-1.5 py-0.5 text-[11px] font-medium text-white" style={{ backgroundColor: color }}>
              {name}
            </span>
          </div>
        ),
      )}
    </InViewport>
  );
}
