import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { ApiClient } from '../../../api/client';
import { ProblemError, toProblem } from '../../../api/problem';
import type { DraftSync, SyncStatus } from './DraftSync';

/** What the server says about a collaboration ticket. */
interface Ticket {
  ticket: string;
  role: string;
  expiresAt: string;
}

/** Someone else in the editor, as their awareness state says. */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  cursor: { x: number; y: number } | null;
  selection: string[];
}

const COLORS = ['#e11d48', '#2563eb', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4d7c0f'];

/** A stable colour per user id, so a person keeps their colour across reloads. */
export function colorOf(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length] ?? '#64748b';
}

async function requestTicket(api: ApiClient, workflowId: string): Promise<Ticket> {
  const { data, error, response } = await api.POST('/api/workflows/{workflowId}/collab/tickets', {
    params: { path: { workflowId } },
  });
  if (!response.ok || !data) throw new ProblemError(toProblem(error, response));
  return data as Ticket;
}

/** The collaboration endpoint on this page's origin (ws: or wss:). */
function endpoint(): string {
  return `${window.location.origin.replace(/^http/, 'ws')}/api/collab/workflows`;
}

/**
 * Live editing through the server's relay (y-websocket protocol): every edit goes to the server,
 * which stores it before passing it on and saves the merged document as the draft shortly after.
 * Edits made while offline stay in the doc and merge when the connection comes back. "Saved" means
 * connected (edits go out as they are made); {@link flush} makes the draft the engine reads catch up.
 */
export class CollabSync implements DraftSync {
  private state: SyncStatus = { kind: 'saved' };
  private readonly listeners = new Set<() => void>();
  private refresh: ReturnType<typeof setInterval> | null = null;

  private constructor(
    private readonly api: ApiClient,
    private readonly workflowId: string,
    readonly provider: WebsocketProvider,
    readonly role: string,
  ) {
    provider.on('status', this.onStatus);
  }

  /**
   * Connects {@code doc} (empty) to the workflow's live document and resolves once it holds the
   * server's state: the server seeds the document from the draft, never the browser.
   */
  static async connect(api: ApiClient, workflowId: string, doc: Y.Doc, user: { id: string; name: string }, timeoutMs = 30_000): Promise<CollabSync> {
    const ticket = await requestTicket(api, workflowId);
    // No BroadcastChannel: tabs must not pass edits around the server (a viewer's tab would).
    const provider = new WebsocketProvider(endpoint(), workflowId, doc, { params: { ticket: ticket.ticket }, disableBc: true });
    provider.awareness.setLocalStateField('user', { id: user.id, name: user.name, color: colorOf(user.id) });
    const sync = new CollabSync(api, workflowId, provider, ticket.role);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('The live document did not arrive in time.')), timeoutMs);
        const onSync = (synced: boolean) => {
          if (!synced) return;
          clearTimeout(timer);
          provider.off('sync', onSync);
          resolve();
        };
        provider.on('sync', onSync);
      });
    } catch (failure) {
      sync.destroy();
      throw failure;
    }
    sync.lifetime = Math.max(5_000, new Date(ticket.expiresAt).getTime() - Date.now());
    sync.keepTicketFresh();
    return sync;
  }

  private lifetime = 60_000;

  /** The server checks a ticket when a socket opens: keep one that is still valid for reconnects. */
  private keepTicketFresh(): void {
    if (this.refresh !== null) return;
    this.refresh = setInterval(() => {
      requestTicket(this.api, this.workflowId).then(
        (fresh) => {
          this.provider.params = { ...this.provider.params, ticket: fresh.ticket };
        },
        () => undefined, // offline: the next round tries again
      );
    }, this.lifetime / 2);
  }

  private readonly onStatus = ({ status }: { status: string }) => {
    this.set(status === 'connected' ? { kind: 'saved' } : { kind: 'offline' });
  };

  status = (): SyncStatus => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: SyncStatus): void {
    if (next.kind === this.state.kind) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /** Follows the live document (again after {@link dispose}: React may mount an effect twice). */
  start(): void {
    this.keepTicketFresh();
    if (!this.provider.shouldConnect) this.provider.connect();
  }

  /**
   * Resolves true once the draft the engine reads holds everything this doc has: the server waits
   * until the doc's edits have arrived on the socket, then saves the merged document at once.
   */
  async flush(): Promise<boolean> {
    const stateVector = Y.encodeStateVector(this.provider.doc);
    let binary = '';
    stateVector.forEach((byte) => (binary += String.fromCharCode(byte)));
    try {
      const { response } = await this.api.POST('/api/workflows/{workflowId}/collab/flush', {
        params: { path: { workflowId: this.workflowId } },
        body: { stateVector: btoa(binary) },
      });
      return response.ok;
    } catch {
      return false;
    }
  }

  /** Disconnects; {@link start} connects again. */
  dispose(): void {
    if (this.refresh !== null) clearInterval(this.refresh);
    this.refresh = null;
    this.provider.disconnect();
  }

  /** Leaves for good: the connection and presence end. */
  destroy(): void {
    this.dispose();
    this.provider.off('status', this.onStatus);
    this.provider.destroy();
  }
}

/** The other people in the editor, from the provider's awareness. */
export function peersOf(provider: WebsocketProvider): Peer[] {
  const peers: Peer[] = [];
  provider.awareness.getStates().forEach((state, clientId) => {
    if (clientId === provider.awareness.clientID) return;
    const user = state.user as { name?: string; color?: string } | undefined;
    if (!user?.name) return;
    peers.push({
      clientId,
      name: user.name,
      color: user.color ?? '#64748b',
      cursor: (state.cursor as Peer['cursor']) ?? null,
      selection: Array.isArray(state.selection) ? (state.selection as string[]) : [],
    });
  });
  return peers.sort((a, b) => a.clientId - b.clientId);
}
