import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { api } from '../auth/session';

export type LogAnalysis = Schemas['LogAnalysis'];
export type LogFinding = Schemas['LogFinding'];
export type FindingCategory = LogFinding['category'];

/** Sends the log as plain text (as pasted, ANSI codes and all) and returns its findings, the root first. */
export async function analyzeLog(log: string): Promise<LogAnalysis> {
  return unwrap(
    await api.POST('/api/logs/analyze', {
      body: log,
      bodySerializer: (text: string) => text,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    }),
  );
}
