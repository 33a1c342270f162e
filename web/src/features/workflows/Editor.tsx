import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../../api/problem';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button, focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { api, session } from '../auth/session';
import type { Json, NodeDescriptor, WorkflowView } from './api';
import { Canvas } from './canvas/Canvas';
import { Palette } from './canvas/Palette';
import { isTyping, shortcutOf, type ShortcutAction } from './canvas/shortcuts';
import { EditorStore, EditorStoreContext, useStoreState } from './editorStore';
import { useCredentials } from './inspector/CredentialPicker';
import { Inspector } from './inspector/Inspector';
import { useExpressionHelp } from './inspector/useExpressionHelp';
import type { Catalog } from './model/catalog';
import { autoLayout, freeSpot } from './model/layout';
import { useWorkflowSnapshot } from './model/useWorkflowSnapshot';
import { MAX_SHARED_PIN, parseClipboard, pinnedOf, type ClipboardContent, type WorkflowDoc } from './model/workflowDoc';
import { RunDialog, SaveVersionDialog, ShortcutsHelp } from './EditorDialogs';
import { RunBar } from './run/RunBar';
import { RunController } from './run/RunController';
import type { CollabSync } from './sync/CollabSync';
import { RestDraftSync, type DraftSync, type SyncStatus } from './sync/DraftSync';
import { PresenceAvatars, RemoteCursors, useLocalPresence, usePeers } from './sync/Presence';
import { ProblemsPanel, isError, useValidation, validateNow } from './validation/validation';
import { VersionsDialog } from './versions/VersionsDialog';

const SYNC_LABEL: Record<SyncStatus['kind'], string> = {
  saved: 'All changes saved',
  pending: 'Unsaved changes',
  saving: 'Saving…',
  offline: 'Offline — edits merge when the connection is back',
  conflict: 'Changed elsewhere',
  error: 'Not saved',
};

export interface EditorProps {
  workflow: WorkflowView;
  etag: string;
  catalog: Catalog;
  model: WorkflowDoc;
  readOnly: boolean;
  /** Replaceable so the collaboration provider can take over persistence. */
  createSync?: (model: WorkflowDoc) => DraftSync;
  /** Live editing with others; without it the draft is saved through the API. */
  collab?: CollabSync | null;
}

/** The canvas editor: palette, canvas, inspector, problems, save, versions and runs. */
export function Editor({ workflow, etag, catalog, model, readOnly, createSync, collab = null }: EditorProps) {
  const workflowId = workflow.id ?? '';
  const projectId = workflow.projectId ?? '';
  const flow = useReactFlow();
  const store = useMemo(() => new EditorStore(), []);
  const sync = useMemo<DraftSync>(
    () => collab ?? (createSync ? createSync(model) : new RestDraftSync(api, workflowId, model.doc, etag)),
    [collab, createSync, model, workflowId, etag],
  );
  const runs = useMemo(
    () => new RunController(api, store, workflowId, { token: () => session.accessToken(), refresh: () => session.refresh() }),
    [store, workflowId],
  );
  useEffect(() => {
    sync.start();
    return () => sync.dispose();
  }, [sync]);
  // Pins come from the shared document (yours and your collaborators'), plus any too big to share, kept here.
  const localPins = useRef<Record<string, Json>>({});
  const showPins = useCallback(
    () => store.update({ pinned: { ...localPins.current, ...(pinnedOf(model.doc).toJSON() as Record<string, Json>) } }),
    [model, store],
  );
  useEffect(() => {
    const pins = pinnedOf(model.doc);
    showPins();
    pins.observe(showPins);
    return () => pins.unobserve(showPins);
  }, [model, showPins]);
  useEffect(() => () => runs.dispose(), [runs]);
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (sync.status().kind !== 'saved') event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [sync]);
  const syncStatus = useSyncExternalStore(sync.subscribe, sync.status);
  const snapshot = useWorkflowSnapshot(model);
  useValidation(api, workflowId, model, store);
  const { credentials, kinds } = useCredentials(projectId);

  const [selection, setSelection] = useState<{ nodes: string[]; notes: string[]; edges: string[] }>({ nodes: [], notes: [], edges: [] });
  const [selectRequest, setSelectRequest] = useState<{ ids: readonly string[]; nonce: number }>({ ids: [], nonce: 0 });
  const select = useCallback((ids: readonly string[]) => setSelectRequest((r) => ({ ids, nonce: r.nonce + 1 })), []);
  const [dialog, setDialog] = useState<'help' | 'run' | 'version' | 'versions' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refused = useStoreState(store, (s) => s.connectionRefused);
  const problems = useStoreState(store, (s) => s.problems);
  const comparison = useStoreState(store, (s) => s.comparison);
  const errorCount = problems.filter(isError).length;
  const wrapper = useRef<HTMLDivElement>(null);
  const memoryClipboard = useRef<ClipboardContent | null>(null);
  const [undoState, setUndoState] = useState({ canUndo: false, canRedo: false });

  useEffect(() => {
    const update = () => setUndoState({ canUndo: model.undoManager.canUndo(), canRedo: model.undoManager.canRedo() });
    model.undoManager.on('stack-item-added', update);
    model.undoManager.on('stack-item-popped', update);
    model.undoManager.on('stack-cleared', update);
    return () => {
      model.undoManager.off('stack-item-added', update);
      model.undoManager.off('stack-item-popped', update);
      model.undoManager.off('stack-cleared', update);
    };
  }, [model]);

  const viewportCentre = useCallback(() => {
    const rect = wrapper.current?.getBoundingClientRect();
    if (!rect) return { x: 0, y: 0 };
    return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
  }, [flow]);

  const addNode = useCallback(
    (descriptor: NodeDescriptor) => {
      const centre = viewportCentre();
      model.undoManager.stopCapturing();
      const id = model.addNode(descriptor, freeSpot({ x: Math.round(centre.x - 110), y: Math.round(centre.y - 32) }, snapshot.nodes));
      select([id]);
    },
    [model, select, snapshot.nodes, viewportCentre],
  );

  const runLayout = useCallback(() => {
    model.layout(autoLayout(snapshot.nodes, snapshot.edges));
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1.2, duration: 200 }));
  }, [flow, model, snapshot]);

  const addNote = useCallback(() => {
    const centre = viewportCentre();
    select([model.addNote({ x: Math.round(centre.x - 110), y: Math.round(centre.y - 70) })]);
  }, [model, select, viewportCentre]);

  const save = useCallback(async () => {
    if (await sync.flush()) setNotice('Draft saved.');
  }, [sync]);

  const perform = useCallback(
    (action: ShortcutAction) => {
      switch (action) {
        case 'undo':
          model.undoManager.undo();
          break;
        case 'redo':
          model.undoManager.redo();
          break;
        case 'save':
          void save();
          break;
        case 'selectAll':
          select([...snapshot.nodes.map((n) => n.id), ...snapshot.notes.map((n) => n.id)]);
          break;
        case 'deselect':
          select([]);
          break;
        case 'fit':
          void flow.fitView({ padding: 0.2, maxZoom: 1.2, duration: 200 });
          break;
        case 'layout':
          if (!readOnly) runLayout();
          break;
        case 'note':
          if (!readOnly) addNote();
          break;
        case 'help':
          setDialog('help');
          break;
        case 'palette':
          document.querySelector<HTMLInputElement>('[data-palette-search]')?.focus();
          break;
        default:
          break;
      }
    },
    [addNote, flow, model, readOnly, runLayout, save, select, snapshot],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (dialog || isTyping(event.target)) return;
      const action = shortcutOf(event);
      if (!action) return;
      if (readOnly && (action === 'undo' || action === 'redo')) return;
      event.preventDefault();
      perform(action);
    };
    const onCopy = (event: ClipboardEvent, cut: boolean) => {
      if (dialog || isTyping(event.target) || (selection.nodes.length === 0 && selection.notes.length === 0)) return;
      const content = model.copy(selection.nodes, selection.notes);
      memoryClipboard.current = content;
      event.clipboardData?.setData('text/plain', JSON.stringify(content));
      event.preventDefault();
      if (cut && !readOnly) model.remove({ nodes: selection.nodes, notes: selection.notes });
    };
    const onPaste = (event: ClipboardEvent) => {
      if (dialog || readOnly || isTyping(event.target)) return;
      const text = event.clipboardData?.getData('text/plain');
      const content = text ? parseClipboard(text) : memoryClipboard.current;
      if (!content) return;
      event.preventDefault();
      model.undoManager.stopCapturing();
      const pasted = model.paste(content, { x: 40, y: 40 });
      select([...pasted.nodes, ...pasted.notes]);
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
    };
  }, [dialog, model, perform, readOnly, select, selection]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 3000);
    return () => clearTimeout(timer);
  }, [notice]);

  const saveVersion = async (message: string): Promise<string | null> => {
    if (!(await sync.flush()) && sync.status().kind !== 'saved') return 'The draft could not be saved first.';
    const found = await validateNow(api, workflowId, model, store);
    const errors = found.filter(isError);
    if (errors.length > 0) return `Fix the ${errors.length} error${errors.length === 1 ? '' : 's'} in the problems panel first.`;
    const result = await api.POST('/api/workflows/{workflowId}/versions', { params: { path: { workflowId } }, body: message ? { message } : {} });
    if (!result.response.ok) {
      const problem = result.error;
      return [problem?.detail ?? problem?.title ?? 'The version was not saved.', ...(problem?.problems ?? []).map((p) => p.message)].join(' ');
    }
    setDialog(null);
    setNotice(`Saved version ${unwrap(result).version ?? ''}.`);
    return null;
  };

  const startRun = async (input: Json | undefined) => {
    setDialog(null);
    if (!(await sync.flush()) && sync.status().kind !== 'saved') {
      store.update({ run: { phase: 'error', message: 'The draft could not be saved, so it was not run.' } });
      return;
    }
    await runs.run(input);
  };

  const onPin = (nodeId: string, output: Json | undefined) => {
    if (output !== undefined && JSON.stringify(output).length > MAX_SHARED_PIN) {
      // Too big to share through the live document: pinned for this browser's runs only.
      localPins.current = { ...localPins.current, [nodeId]: output };
      showPins();
      setNotice('Pinned in this browser only: the output is too large to share with the workflow.');
      return;
    }
    const { [nodeId]: _dropped, ...rest } = localPins.current;
    localPins.current = rest;
    model.doc.transact(() => {
      if (output === undefined) pinnedOf(model.doc).delete(nodeId);
      else pinnedOf(model.doc).set(nodeId, output);
    });
    showPins();

  };

  const peers = usePeers(collab?.provider ?? null);
  const presence = useLocalPresence(collab?.provider ?? null, selection.nodes);
  const selectedNode = selection.nodes.length === 1 && selection.notes.length === 0 ? snapshot.byId.get(selection.nodes[0] ?? '') : undefined;
  const expressionHelp = useExpressionHelp(store, workflowId, selectedNode?.id, snapshot);

  return (
    <EditorStoreContext.Provider value={store}>
      <div className="flex min-h-0 flex-1 flex-col">
        <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900">
          <Link to={`/projects/${projectId}/workflows`} className={cx('rounded-sm text-sm text-zinc-500 hover:text-zinc-800 dark:text-zinc-400', focusRing)} aria-label="Back to workflows">
            ←
          </Link>
          <h1 className="truncate text-base font-semibold">{workflow.name}</h1>
          {readOnly && <Badge>View only</Badge>}
          <PresenceAvatars peers={peers} />
          <span role="status" className={cx('text-xs', syncStatus.kind === 'conflict' || syncStatus.kind === 'error' ? 'text-red-700 dark:text-red-400' : 'text-zinc-500')} data-testid="sync-status">
            {SYNC_LABEL[syncStatus.kind]}
          </span>
          <div className="flex-1" />
          <RunBar onRetry={() => void runs.retry()} onClear={() => store.update({ run: { phase: 'idle' }, statuses: {} })} />
          <div role="toolbar" aria-label="Editor" className="flex flex-wrap items-center gap-1">
            <Button size="sm" variant="ghost" onClick={() => model.undoManager.undo()} disabled={readOnly || !undoState.canUndo} aria-label="Undo" title="Undo (Ctrl Z)">
              ↶
            </Button>
            <Button size="sm" variant="ghost" onClick={() => model.undoManager.redo()} disabled={readOnly || !undoState.canRedo} aria-label="Redo" title="Redo (Ctrl Shift Z)">
              ↷
            </Button>
            <Button size="sm" variant="ghost" onClick={runLayout} disabled={readOnly} title="Auto-layout (Shift L)">
              Auto-layout
            </Button>
            <Button size="sm" variant="ghost" onClick={addNote} disabled={readOnly} title="Add a sticky note (N)">
              Note
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setDialog('help')} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
              ?
            </Button>
            <Button size="sm" variant="secondary" onClick={() => void save()} disabled={readOnly || syncStatus.kind === 'conflict'} title="Save the draft (Ctrl S)">
              Save
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setDialog('versions')}>
              Versions
            </Button>
            <Link
              to={`/projects/${projectId}/executions?workflow=${workflowId}`}
              className={cx('rounded-md px-2.5 py-1 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800', focusRing)}
            >
              Executions
            </Link>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setDialog('version')}
              disabled={readOnly || errorCount > 0}
              title={errorCount > 0 ? `Fix ${errorCount} error(s) before saving a version` : 'Save the draft as a new version'}
            >
              Save version
            </Button>
            <Button size="sm" onClick={() => setDialog('run')} disabled={readOnly || syncStatus.kind === 'conflict'}>
              ▶ Run
            </Button>
          </div>
        </div>
        {syncStatus.kind === 'conflict' && (
          <Alert className="m-2">
            {syncStatus.message}{' '}
            <button type="button" className="font-medium underline" onClick={() => window.location.reload()}>
              Reload
            </button>
          </Alert>
        )}
        {syncStatus.kind === 'error' && <Alert className="m-2">{syncStatus.message}</Alert>}
        {refused && (
          <div role="alert" className="mx-2 mt-2 flex items-center justify-between rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200">
            <span>Connection refused: {refused}</span>
            <button type="button" className={cx('rounded px-1', focusRing)} aria-label="Dismiss" onClick={() => store.update({ connectionRefused: null })}>
              ✕
            </button>
          </div>
        )}
        {comparison && (
          <div role="status" className="mx-2 mt-2 flex flex-wrap items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-1.5 text-sm dark:border-zinc-800 dark:bg-zinc-900">
            <span className="font-medium">Draft compared with version {comparison.version}:</span>
            <span className="text-emerald-700 dark:text-emerald-400">{comparison.added.length} added</span>
            <span className="text-amber-700 dark:text-amber-400">{Object.keys(comparison.changed).length} changed</span>
            <span className="text-red-700 dark:text-red-400">
              {comparison.removed.length} removed{comparison.removed.length > 0 ? ` (${comparison.removed.join(', ')})` : ''}
            </span>
            <Button size="sm" variant="ghost" onClick={() => store.update({ comparison: null })}>
              End comparison
            </Button>
          </div>
        )}
        {notice && (
          <div role="status" className="mx-2 mt-2 rounded-md bg-emerald-50 px-3 py-1.5 text-sm text-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200">
            {notice}
          </div>
        )}
        <div className="flex min-h-0 flex-1">
          {!readOnly && (
            <div className="w-56 shrink-0 border-r border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
              <Palette catalog={catalog} onAdd={addNode} disabled={readOnly} />
            </div>
          )}
          <div className="flex min-w-0 flex-1 flex-col">
            <div ref={wrapper} className="relative min-h-0 flex-1" data-testid="canvas" onPointerMove={presence.onPointerMove} onPointerLeave={presence.onPointerLeave}>
              <Canvas model={model} catalog={catalog} snapshot={snapshot} selectRequest={selectRequest} onSelectionChange={setSelection} readOnly={readOnly}>
                <RemoteCursors peers={peers} />
              </Canvas>
            </div>
            <div className="h-32 shrink-0 border-t border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
              <ProblemsPanel
                nodes={snapshot.byId}
                onSelect={(nodeId) => {
                  select([nodeId]);
                  void flow.fitView({ nodes: [{ id: nodeId }], maxZoom: 1.2, duration: 200 });
                }}
              />
            </div>
          </div>
          <div className="w-80 shrink-0 border-l border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
            {selectedNode ? (
              <Inspector
                key={selectedNode.id}
                model={model}
                node={selectedNode}
                descriptor={catalog.find(selectedNode.type, selectedNode.typeVersion)}
                projectId={projectId}
                credentials={credentials.data ?? []}
                kinds={kinds.data ?? []}
                onCredentialCreated={credentials.reload}
                onPin={onPin}
                onRerun={(nodeId) => void runs.rerun(nodeId)}
                readOnly={readOnly}
                help={expressionHelp}
              />
            ) : (
              <div className="p-4 text-sm text-zinc-500">
                {selection.nodes.length > 1 ? `${selection.nodes.length} nodes selected.` : 'Select a node to edit it.'}
                <p className="mt-2 text-xs">Press ? for keyboard shortcuts.</p>
              </div>
            )}
          </div>
        </div>
      </div>
      <ShortcutsHelp open={dialog === 'help'} onClose={() => setDialog(null)} />
      {dialog === 'run' && <RunDialog open onClose={() => setDialog(null)} onRun={(input) => void startRun(input)} />}
      {dialog === 'version' && <SaveVersionDialog open onClose={() => setDialog(null)} onSave={saveVersion} />}
      {dialog === 'versions' && (
        <VersionsDialog
          workflowId={workflowId}
          activeVersion={workflow.activeVersion}
          readOnly={readOnly}
          flush={() => sync.flush()}
          onClose={() => setDialog(null)}
          onCompare={(found) => {
            store.update({ comparison: found });
            setDialog(null);
          }}
          onRestore={(version) => {
            model.replaceWith(version.definition ?? { nodes: [], edges: [], notes: [] });
            store.update({ comparison: null });
            setDialog(null);
            setNotice(`Version ${version.version ?? ''} restored into the draft. Ctrl Z takes it back.`);
          }}
        />
      )}
    </EditorStoreContext.Provider>
  );
}
