/** Colour and cursor codes (CSI and OSC sequences) a terminal would interpret, removed for display. */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** The log's lines as the server counts them (split on LF, a trailing CR dropped), without ANSI codes. */
export function logLines(log: string): string[] {
  const lines = log.split('\n').map((line) => line.replace(/\r$/, '').replace(ANSI, ''));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A run of consecutive log lines to show, `from` and `to` 1-based and inclusive. */
export interface LogExcerpt {
  from: number;
  to: number;
}

/** Logs up to this many lines are shown whole; longer ones around their findings. */
export const WHOLE_LOG_LINES = 400;

/**
 * The parts of a log of `total` lines worth showing: all of it when it is short, otherwise
 * `context` lines either side of each finding's line, overlapping runs merged.
 */
export function excerpts(total: number, findingLines: readonly number[], context = 4): LogExcerpt[] {
  if (total <= WHOLE_LOG_LINES) return total > 0 ? [{ from: 1, to: total }] : [];
  const runs: LogExcerpt[] = [];
  for (const line of [...new Set(findingLines)].sort((a, b) => a - b)) {
    const from = Math.max(1, line - context);
    const to = Math.min(total, line + context);
    const last = runs[runs.length - 1];
    if (last && from <= last.to + 1) last.to = Math.max(last.to, to);
    else runs.push({ from, to });
  }
  return runs;
}

/** The last `count` of `total` lines: what a running build's log shows while it is followed. */
export function tail(total: number, count = WHOLE_LOG_LINES): LogExcerpt[] {
  return total > 0 ? [{ from: Math.max(1, total - count + 1), to: total }] : [];
}

/** The part of a log the server sends while it is followed: its status, what is new (or all of it again), where to go on from. */
export interface LogRead {
  text?: string | null;
  reset: boolean;
}

/**
 * The log after one more read while following it: the new text appended to what was shown, or,
 * when the server says the kept log was rewritten (`reset`), the whole text it sent instead. Every
 * other field (status, cursor, findings) is the read's.
 */
export function followed<T extends LogRead>(shown: T | null, read: T): T {
  if (!shown || read.reset) return read;
  return { ...read, text: (shown.text ?? '') + (read.text ?? '') };
}

/** `file:line:column`, as far as the finding knows it. */
export function place(finding: { file?: string | null; line?: number | null; column?: number | null }): string | null {
  if (!finding.file) return null;
  return [finding.file, finding.line, finding.line != null ? finding.column : null].filter((part) => part != null).join(':');
}

/** `module-not-found` → `Module not found`. */
export function humanize(id: string): string {
  const words = id.replace(/^nextjs-/, 'Next.js ').replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
