import { Handle, NodeResizer, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { cx } from '../../../ui/cx';
import type { NodeDescriptor, NodeRunStatus, Port } from '../api';
import { useNodeOverlay } from '../editorStore';
import { inputPorts, outputPorts } from '../model/catalog';
import type { NodeRecord, NoteColor, NoteRecord } from '../model/workflowDoc';
import { formatDuration } from '../../../ui/format';

/** The two kinds of things on the canvas: a discriminated union on `type`, as React Flow wants it. */
export type WorkflowCanvasNode = Node<{ record: NodeRecord; descriptor: NodeDescriptor | undefined }, 'workflow'>;
export type NoteCanvasNode = Node<{ note: NoteRecord; onText: (id: string, text: string) => void; onResize: (id: string, width: number, height: number) => void }, 'note'>;
export type CanvasNode = WorkflowCanvasNode | NoteCanvasNode;

// Characters every common sans-serif font has (headless Chromium has no emoji font).
const ICONS: Record<string, string> = {
  webhook: '⚡', zap: '⚡', 'alert-triangle': '⚠', clock: '◷', code: '</>', database: '≣', globe: '◎', hourglass: '◔', layers: '☰',
  mail: '@', merge: '⋈', pencil: '✎', play: '▶', repeat: '↻', reply: '↩', route: '⇶', shuffle: '⇄', split: '⋔', 'user-check': '✓',
  workflow: '⊞',
};

export const iconFor = (descriptor: NodeDescriptor | undefined): string =>
  ICONS[descriptor?.icon ?? ''] ?? (descriptor?.displayName ?? descriptor?.type ?? '?').slice(0, 1).toUpperCase();

const STATUS_STYLE: Record<NodeRunStatus, string> = {
  queued: 'bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200',
  running: 'bg-indigo-600 text-white animate-pulse',
  succeeded: 'bg-emerald-600 text-white',
  failed: 'bg-red-600 text-white',
  skipped: 'bg-zinc-300 text-zinc-600 dark:bg-zinc-600 dark:text-zinc-200',
  waiting: 'bg-amber-500 text-white',
  cancelled: 'bg-zinc-400 text-white',
};

const RING: Partial<Record<NodeRunStatus, string>> = {
  running: 'ring-2 ring-indigo-500',
  succeeded: 'ring-2 ring-emerald-500',
  failed: 'ring-2 ring-red-500',
  waiting: 'ring-2 ring-amber-500',
};

function PortHandles({ ports, side }: { ports: readonly Port[]; side: 'input' | 'output' }) {
  const many = ports.length > 1;
  return (
    <>
      {ports.map((port, i) => {
        const top = `${((i + 1) / (ports.length + 1)) * 100}%`;
        return (
          <div key={port.name}>
            <Handle
              id={port.name}
              type={side === 'input' ? 'target' : 'source'}
              position={side === 'input' ? Position.Left : Position.Right}
              style={{ top }}
              className={cx('!size-3 !border-2 !border-white dark:!border-zinc-900', port.name === 'error' ? '!bg-red-500' : '!bg-zinc-500')}
              title={`${port.displayName ?? port.name} (${(port.type ?? 'ANY').toLowerCase()})`}
              aria-label={`${side === 'input' ? 'Input' : 'Output'} ${port.displayName ?? port.name}`}
            />
            {many && (
              <span
                className={cx('pointer-events-none absolute -translate-y-1/2 text-[10px] text-zinc-500', side === 'input' ? 'left-2' : 'right-2')}
                style={{ top }}
              >
                {port.displayName ?? port.name}
              </span>
            )}
          </div>
        );
      })}
    </>
  );
}

export const WorkflowNodeView = memo(function WorkflowNodeView({ id, data, selected }: NodeProps<WorkflowCanvasNode>) {
  const { record, descriptor } = data;
  const overlay = useNodeOverlay(id);
  const errors = overlay.problems.filter((p) => p.error ?? p.severity !== 'warning');
  const warnings = overlay.problems.filter((p) => !errors.includes(p));
  const inputs = inputPorts(descriptor);
  const outputs = outputPorts(record, descriptor);
  const rows = Math.max(inputs.length, outputs.length);
  return (
    <div
      data-testid={`node-${id}`}
      data-status={overlay.status ?? 'none'}
      className={cx(
        'relative w-56 rounded-lg border bg-white shadow-sm dark:bg-zinc-900',
        selected ? 'border-indigo-500 ring-2 ring-indigo-400' : 'border-zinc-300 dark:border-zinc-700',
        overlay.status && !selected ? RING[overlay.status] : undefined,
        !descriptor && 'border-dashed border-red-400',
        overlay.diff?.kind === 'added' && 'outline-2 outline-offset-4 outline-emerald-500 outline-dashed',
        overlay.diff?.kind === 'changed' && 'outline-2 outline-offset-4 outline-amber-500 outline-dashed',
      )}
      style={{ minHeight: Math.max(64, rows * 22 + 24) }}
    >
      <PortHandles ports={inputs} side="input" />
      <div className="flex items-start gap-2 px-3 py-2.5">
        <span aria-hidden="true" className="grid size-8 shrink-0 place-items-center rounded-md bg-indigo-50 text-base text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
          {iconFor(descriptor)}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{record.name || record.id}</p>
          <p className="truncate text-xs text-zinc-500">{descriptor?.displayName ?? `Unknown type ${record.type}`}</p>
        </div>
      </div>
      <div className="absolute -top-2.5 left-2 flex gap-1 whitespace-nowrap" data-slot="marks">
        {overlay.diff && (
          <span
            className={cx('rounded-full px-1.5 py-0.5 text-[10px] font-semibold text-white', overlay.diff.kind === 'added' ? 'bg-emerald-600' : 'bg-amber-600')}
            title={overlay.diff.kind === 'changed' ? `Changed: ${overlay.diff.changes.join(', ')}` : 'Not in the compared version'}
          >
            {overlay.diff.kind}
          </span>
        )}
        {overlay.pinned && (
          <span className="rounded-full bg-sky-600 px-1.5 py-0.5 text-[10px] font-semibold text-white" title="Output pinned: the next runs use it instead of running this node">
            ● pinned
          </span>
        )}
        {errors.length > 0 && (
          <span
            className="rounded-full bg-red-600 px-1.5 py-0.5 text-[10px] font-semibold text-white"
            title={errors.map((p) => p.message).join('\n')}
            aria-label={`${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors.map((p) => p.message).join(' ')}`}
          >
            ⚠ {errors.length}
          </span>
        )}
        {warnings.length > 0 && errors.length === 0 && (
          <span
            className="rounded-full bg-amber-500 px-1.5 py-0.5 text-[10px] font-semibold text-white"
            title={warnings.map((p) => p.message).join('\n')}
            aria-label={`${warnings.length} problem${warnings.length === 1 ? '' : 's'} (warning): ${warnings.map((p) => p.message).join(' ')}`}
          >
            ▲ {warnings.length}
          </span>
        )}
      </div>
      <div className="absolute right-2 -bottom-2.5 flex whitespace-nowrap" data-slot="status">
        {overlay.status && (
          <span className={cx('rounded-full px-1.5 py-0.5 text-[10px] font-semibold', STATUS_STYLE[overlay.status])} data-testid={`status-${id}`}>
            {overlay.status}
            {overlay.durationMillis !== undefined ? ` · ${formatDuration(overlay.durationMillis)}` : ''}
          </span>
        )}
      </div>
      <PortHandles ports={outputs} side="output" />
    </div>
  );
});

const NOTE_STYLE: Record<NoteColor, string> = {
  yellow: 'bg-amber-100 border-amber-300 dark:bg-amber-950/70 dark:border-amber-800',
  blue: 'bg-sky-100 border-sky-300 dark:bg-sky-950/70 dark:border-sky-800',
  green: 'bg-emerald-100 border-emerald-300 dark:bg-emerald-950/70 dark:border-emerald-800',
  pink: 'bg-pink-100 border-pink-300 dark:bg-pink-950/70 dark:border-pink-800',
};

export const NoteNodeView = memo(function NoteNodeView({ id, data, selected }: NodeProps<NoteCanvasNode>) {
  const { note } = data;
  return (
    <div className={cx('h-full w-full rounded-md border p-2 shadow-sm', NOTE_STYLE[note.color])}>
      <NodeResizer isVisible={selected} minWidth={120} minHeight={60} onResizeEnd={(_, size) => data.onResize(id, size.width, size.height)} />
      <textarea
        aria-label="Sticky note"
        className="nodrag h-full w-full resize-none bg-transparent text-sm text-zinc-800 outline-none dark:text-zinc-100"
        value={note.text}
        placeholder="Write a note…"
        onChange={(e) => data.onText(id, e.target.value)}
      />
    </div>
  );
});

/** Declared once at module level, as React Flow asks, so nodes are not re-mounted on render. */
export const NODE_TYPES = { workflow: WorkflowNodeView, note: NoteNodeView };
