import { useState, type DragEvent, type FormEvent } from 'react';
import type { Problem } from '../../api/client';
import { asProblem } from '../../api/problem';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextAreaField } from '../../ui/fields';
import { Section } from '../../ui/Section';
import { FindingList, LogLines } from './LogFindings';
import { analyzeLog, type LogAnalysis } from './logsApi';

function Findings({ analysis }: { analysis: LogAnalysis }) {
  const count = analysis.findings.length;
  return (
    <Section title="Findings" description={`${count} finding${count === 1 ? '' : 's'} in ${analysis.analyzedBytes.toLocaleString('en')} bytes, the root cause first.`}>
      <FindingList findings={analysis.findings} />
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
