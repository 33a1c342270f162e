import { useMemo, useState, type DragEvent, type FormEvent } from 'react';
import type { Problem } from '../../api/client';
import { asProblem } from '../../api/problem';
import { ProblemAlert } from '../../ui/Alert';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { TextAreaField } from '../../ui/fields';
import { Section } from '../../ui/Section';
import { analyzeLog, type FindingCategory, type LogAnalysis, type LogFinding } from './logsApi';
import { excerpts, humanize, logLines, place } from './logView';

/** Install failures explain everything after them; missing modules, variables and limits are next; the rest are plain errors. */
const CATEGORY_TONES: Partial<Record<FindingCategory, BadgeTone>> = {
  'dependency-conflict': 'amber',
  'package-not-found': 'amber',
  'lockfile-outdated': 'amber',
  'engine-mismatch': 'amber',
  'module-not-found': 'indigo',
  'missing-env-var': 'indigo',
  'out-of-memory': 'indigo',
  'platform-limit': 'indigo',
};

function FindingItem({ finding }: { finding: LogFinding }) {
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
        {where && <code className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{where}</code>}
      </div>
      <p className="mt-2 text-sm whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{finding.message}</p>
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
          <dd><a className="underline" href={`#log-line-${finding.logLine}`}>line {finding.logLine}</a></dd>
        </div>
      </dl>
    </li>
  );
}

/** The submitted log, numbered, with the lines findings start at marked (the root's in red). */
function LogLines({ log, findings }: { log: string; findings: readonly LogFinding[] }) {
  const lines = useMemo(() => logLines(log), [log]);
  const marked = useMemo(() => {
    const byLine = new Map<number, 'root' | 'finding'>();
    for (const finding of findings) {
      if (finding.root || !byLine.has(finding.logLine)) byLine.set(finding.logLine, finding.root ? 'root' : 'finding');
    }
    return byLine;
  }, [findings]);
  const runs = excerpts(lines.length, [...marked.keys()]);
  const whole = runs.length === 1 && runs[0]?.from === 1 && runs[0]?.to === lines.length;
  return (
    <Section
      title="Log"
      description={whole ? 'Lines where a finding starts are marked.' : `The lines around the findings, of ${lines.length.toLocaleString('en')} lines.`}
    >
      <div role="region" aria-label="Log lines" className="overflow-x-auto rounded-md bg-zinc-950 py-2 font-mono text-xs leading-5 text-zinc-200">
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
                <div key={number} id={`log-line-${number}`} className="flex px-1">
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

function Findings({ analysis }: { analysis: LogAnalysis }) {
  const count = analysis.findings.length;
  return (
    <Section title="Findings" description={`${count} finding${count === 1 ? '' : 's'} in ${analysis.analyzedBytes.toLocaleString('en')} bytes, the root cause first.`}>
      <ol aria-label="Findings" className="space-y-3">
        {analysis.findings.map((finding, index) => (
          <FindingItem key={`${finding.logLine}-${index}`} finding={finding} />
        ))}
      </ol>
    </Section>
  );
}

/** Paste or drop a build log; NEX7 names the failures in it, the root cause first, and marks their lines. */
export function AnalyzeLogPage() {
  const [log, setLog] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<{ log: string; analysis: LogAnalysis } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      setResult({ log, analysis: await analyzeLog(log) });
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }

  function readFile(file: File | undefined) {
    if (file) void file.text().then(setLog);
  }

  function drop(event: DragEvent<HTMLTextAreaElement>) {
    const file = event.dataTransfer.files[0];
    if (file) {
      event.preventDefault();
      readFile(file);
    }
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Analyze a build log</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          tsc, ESLint, webpack, Vite, Next.js, npm, pnpm, yarn, Node, Vercel, Maven, Gradle and Python output; colours and CI timestamps are fine.
        </p>
      </div>
      <Section title="Paste a log">
        <form onSubmit={submit} className="space-y-3">
          <TextAreaField
            label="Build log"
            hint="Paste the log, or drop a log file here."
            value={log}
            onChange={(event) => setLog(event.target.value)}
            onDrop={drop}
            rows={12}
            spellCheck={false}
            className="font-mono text-xs"
          />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" busy={busy} disabled={log.trim() === ''}>
              Analyze
            </Button>
            <label className="text-sm text-zinc-600 dark:text-zinc-400">
              <span className="mr-2">Or choose a file</span>
              <input type="file" accept=".log,.txt,text/plain" onChange={(event) => readFile(event.target.files?.[0])} className="text-sm" />
            </label>
          </div>
          {problem && <ProblemAlert problem={problem} />}
        </form>
      </Section>
      {result && <Findings analysis={result.analysis} />}
      {result && <LogLines log={result.log} findings={result.analysis.findings} />}
    </div>
  );
}
