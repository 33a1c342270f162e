import type * as Y from 'yjs';
import type { ApiClient } from '../../../api/client';
import { toProblem } from '../../../api/problem';
import { SEED_ORIGIN, docToDefinition } from '../model/workflowDoc';

/** Where the draft stands relative to the server. */
export type SyncStatus =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'offline' }
  | { kind: 'conflict'; message: string }
  | { kind: 'error'; message: string };

/**
 * Keeps the server's copy of the draft in step with the editor's Y.Doc. The editor only talks to
 * this interface, so the y-websocket provider (which persists through the relay) can replace the
 * REST implementation without the editor changing.
 */
export interface DraftSync {
  status(): SyncStatus;
  subscribe(listener: () => void): () => void;
  /** Writes now whatever is not saved yet; resolves true when the server holds the doc's state. */
  flush(): Promise<boolean>;
  /** Begins following the doc's changes. */
  start(): void;
  /** Stops following them; start() resumes. */
  dispose(): void;
}

/**
 * Saves the draft with PUT /api/workflows/{id}/draft and If-Match, debounced after edits. A 412
 * means someone else saved since we read: saving stops until the page is reloaded, so nobody's
 * work is overwritten silently.
 */
export class RestDraftSync implements DraftSync {
  private state: SyncStatus = { kind: 'saved' };
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<boolean> | null = null;
  private dirty = false;
  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === SEED_ORIGIN) return;
    this.dirty = true;
    if (this.state.kind === 'conflict') return;
    this.set({ kind: 'pending' });
    this.schedule();
  };

  constructor(
    private readonly api: ApiClient,
    private readonly workflowId: string,
    private readonly doc: Y.Doc,
    private etag: string,
    private readonly debounceMs = 1000,
  ) {}

  /** Starts listening to the doc (again after dispose: React may mount an effect twice). */
  start(): void {
    this.doc.off('update', this.onUpdate);
    this.doc.on('update', this.onUpdate);
  }

  status = (): SyncStatus => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: SyncStatus): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
  }

  async flush(): Promise<boolean> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight) await this.inFlight;
    if (this.state.kind === 'conflict') return false;
    if (!this.dirty) return this.state.kind === 'saved';
    this.inFlight = this.save().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async save(): Promise<boolean> {
    this.dirty = false;
    this.set({ kind: 'saving' });
    try {
      const { response, error } = await this.api.PUT('/api/workflows/{workflowId}/draft', {
        params: { path: { workflowId: this.workflowId }, header: { 'If-Match': this.etag } },
        body: { definition: docToDefinition(this.doc) },
      });
      if (response.status === 412) {
        this.set({ kind: 'conflict', message: 'The draft was changed elsewhere — reload to see the latest version.' });
        return false;
      }
      if (!response.ok) {
        this.dirty = true;
        const problem = toProblem(error, response);
        this.set({ kind: 'error', message: problem.detail ?? problem.title });
        return false;
      }
      this.etag = response.headers.get('ETag') ?? this.etag;
      if (this.dirty) {
        this.set({ kind: 'pending' });
        this.schedule();
        return true;
      }
      this.set({ kind: 'saved' });
      return true;
    } catch {
      this.dirty = true;
      this.set({ kind: 'error', message: 'The server could not be reached; changes are kept here and saved again on the next edit.' });
      return false;
    }
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.doc.off('update', this.onUpdate);
    // Leaving the editor right after an edit must not lose it.
    if (this.dirty) void this.flush();
  }
}
