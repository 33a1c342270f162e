import { useLayoutEffect, useMemo, useRef, type MouseEvent } from 'react';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { Section } from '../../ui/Section';
import type { FindingCategory, LogFinding } from './logsApi';
import { excerpts, humanize, logLines, place, tail } from './logView';

/** Install failures explain everything after them; missing modules, variables and limits are next; the rest are plain errors. */
export const CATEGORY_TONES: Partial<Record<FindingCategory, BadgeTone>> = {
  'dependency-conflict': 'amber',
  'package-not-found': 'amber',
  'lockfile-outdated': 'amber',
  'engine-mismatch': 'amber',
  'module-not-found': 'indigo',
  'missing-env-var': 'indigo',
  'out-of-memory': 'indigo',
  'platform-limit': 'indigo',
};

const lineId = (line: number) => `log-line-${line}`;

/**
 * Scrolls the shown log to `line` and moves the focus there, so keyboard and screen reader users
 * land where sighted ones look. Done by hand rather than by the `#log-line-n` address, which the
 * router would take for a navigation.
 */
export function showLogLine(line: number, event?: MouseEvent): void {
  const target = document.getElementById(lineId(line));
  if (!target) return;
  event?.preventDefault();
  // jsdom has no layout and so no scrollIntoView.
  target.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  target.focus({ preventScroll: true });
}

/** A link to where a finding starts in the log shown on the same page. */
export function LogLineLink({ line, children }: { line: number; children?: string }) {
  return (
    <a className={cx('rounded-sm underline', focusRing)} href={`#${lineId(line)}`} onClick={(event) => showLogLine(line, event)}>
      {children ?? `line ${line}`}
    </a>
  );
}

export function FindingItem({ finding }: { finding: LogFinding }) {
  const where = place(finding);
  return (
    <li
      aria-label={finding.root ? 'Root cause' : undefined}
      className={cx(
        'rounded-lg border p-4',
        finding.root
          ? 'border-red-300 bg-red-50/60 dark:border-red-900 dark:bg-red-950/30'
          : 'border-zinc-200 dark:border-zinc-800',
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        {finding.root && <Badge tone="red">Root cause</Badge>}
        <Badge tone={CATEGORY_TONES[finding.category] ?? 'neutral'}>{humanize(finding.category)}</Badge>
        {finding.severity === 'warning' && <Badge>Warning</Badge>}
        <span className="text-xs text-zinc-500 dark:text-zinc-400">{finding.tool}</span>
        {where && <code className="text-sm font-medium break-all text-zinc-900 dark:text-zinc-100">{where}</code>}
      </div>
      <p className="mt-2 text-sm break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{finding.message}</p>
      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        {finding.subject && (
          <div className="flex gap-1">
            <dt>Subject</dt>
            <dd><code className="text-zinc-900 dark:text-zinc-100">{finding.subject}</code></dd>
          </div>
        )}
        <div className="flex gap-1">
          <dt>Fix</dt>
          <dd>{finding.fixStrategy ? <code className="text-zinc-900 dark:text-zinc-100">{finding.fixStrategy}</code> : 'left to a model-made fix'}</dd>
        </div>
        <div className="flex gap-1">
          <dt>Log</dt>
          <dd><LogLineLink line={finding.logLine} /></dd>
        </div>
      </dl>
    </li>
  );
}

/** The findings, the root cause first. */
export function FindingList({ findings }: { findings: readonly LogFinding[] }) {
  return (
    <ol aria-label="Findings" className="space-y-3">
      {findings.map((finding, index) => (
        <FindingItem key={`${finding.logLine}-${index}`} finding={finding} />
      ))}
    </ol>
  );
}

/** How close to the bottom (in pixels) a reader counts as following a live log rather than having scrolled up. */
const AT_BOTTOM = 24;

/**
 * Keeps a live log's scroll box at its end as lines arrive, unless the reader scrolled up to read
 * (coming back to the end follows again). Returns the box's ref and its scroll handler.
 */
function useFollowEnd(live: boolean, content: string) {
  const box = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const element = box.current;
    if (live && element && atEnd.current) element.scrollTop = element.scrollHeight;
  }, [live, content]);
  const onScroll = () => {
    const element = box.current;
    if (element) atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight <= AT_BOTTOM;
  };
  return { box, onScroll };
}

/**
 * The log, numbered, with the lines findings start at marked (the root's in red). A `live` log (a
 * build still running) shows its last lines and keeps to its end as it grows.
 */
export function LogLines({ log, findings, live = false }: { log: string; findings: readonly LogFinding[]; live?: boolean }) {
  const lines = useMemo(() => logLines(log), [log]);
  const { box, onScroll } = useFollowEnd(live, log);
  const marked = useMemo(() => {
    const byLine = new Map<number, 'root' | 'finding'>();
    for (const finding of findings) {
      if (finding.root || !byLine.has(finding.logLine)) byLine.set(finding.logLine, finding.root ? 'root' : 'finding');
    }
    return byLine;
  }, [findings]);
  const runs = live ? tail(lines.length) : excerpts(lines.length, [...marked.keys()]);
  const whole = runs.length === 1 && runs[0]?.from === 1 && runs[0]?.to === lines.length;
  const total = lines.length.toLocaleString('en');
  const description = live
    ? whole
      ? 'Written as the build runs.'
      : `Written as the build runs: the last ${runs[0] ? runs[0].to - runs[0].from + 1 : 0} of ${total} lines.`
    : whole
      ? 'Lines where a finding starts are marked.'
      : `The lines around the findings, of ${total} lines.`;
  return (
    <Section title="Log" description={description}>
      <div
        ref={box}
        onScroll={onScroll}
        role="region"
        aria-label="Log lines"
        className="max-h-[70vh] overflow-auto rounded-md bg-zinc-950 py-2 font-mono text-xs leading-5 text-zinc-200"
      >
        {runs.map((run, index) => (
          <div key={run.from}>
            {index > 0 && <div className="px-3 text-zinc-500">…</div>}
            {lines.slice(run.from - 1, run.to).map((text, offset) => {
              const number = run.from + offset;
              const kind = marked.get(number);
              const row = (
                <>
                  <span className="inline-block w-14 shrink-0 pr-3 text-right text-zinc-500 select-none">{number}</span>
                  <span className="whitespace-pre">{text}</span>
                </>
              );
              return (
                <div
                  key={number}
                  id={lineId(number)}
                  tabIndex={kind ? -1 : undefined}
                  className="flex px-1 focus:outline-2 focus:-outline-offset-2 focus:outline-indigo-400"
                >
                  {kind ? (
                    <mark
                      data-kind={kind}
                      title={kind === 'root' ? 'Root cause' : 'Finding'}
                      className={cx('flex w-full text-inherit', kind === 'root' ? 'bg-red-900/70' : 'bg-amber-800/50')}
                    >
                      {row}
                    </mark>
                  ) : (
                    row
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </Section>
  );
}
