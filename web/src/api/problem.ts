import type { FieldError, Problem } from './client';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === 'string' && typeof value.message === 'string';
}

function isDefinitionProblem(value: unknown): value is NonNullable<Problem['problems']>[number] {
  return isRecord(value) && typeof value.message === 'string' && typeof value.code === 'string';
}

/** Narrows whatever the server sent back into an RFC 9457 Problem Details object. */
export function toProblem(body: unknown, response?: Response): Problem {
  const status = response?.status ?? 0;
  if (isRecord(body) && typeof body.title === 'string') {
    return {
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: body.title,
      status: typeof body.status === 'number' ? body.status : status,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      instance: typeof body.instance === 'string' ? body.instance : undefined,
      requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
      errors: Array.isArray(body.errors) ? body.errors.filter(isFieldError) : undefined,
      problems: Array.isArray(body.problems) ? body.problems.filter(isDefinitionProblem) : undefined,
    };
  }
  return {
    type: 'about:blank',
    title: status ? `Request failed (${status})` : 'Network error',
    status,
    detail: status ? undefined : 'The server could not be reached. Check your connection and try again.',
  };
}

/** Maps `errors[]` of a validation problem to a field → message record (first message wins). */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const { field, message } of problem?.errors ?? []) {
    if (!(field in result)) result[field] = message;
  }
  return result;
}

/**
 * The message for the alert above a form: the problem's detail (or title) unless every
 * error is already shown next to one of the form's own fields.
 */
export function formAlert(problem: Problem | null | undefined, formFields: readonly string[]): string | null {
  if (!problem) return null;
  const errors = problem.errors ?? [];
  if (errors.length > 0 && errors.every((e) => formFields.includes(e.field))) return null;
  const unplaced = errors.filter((e) => !formFields.includes(e.field)).map((e) => e.message);
  const base = problem.detail ?? problem.title;
  return unplaced.length > 0 ? `${base} ${unplaced.join(' ')}`.trim() : base;
}

/** Thrown by `unwrap` so callers can catch a typed Problem. */
export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }
}

export function asProblem(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  return toProblem(undefined);
}

/** Turns an openapi-fetch result into its data, or throws a ProblemError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ProblemError(toProblem(result.error, result.response));
}

const INDEXED = /^(.+)\[(\d+)\]$/;

/**
 * The errors about a list field and its items (`tools`, `tools[2]`) as one message; an item's
 * message starts with what `item` says about that index (usually the value that was sent).
 */
export function listFieldError(problem: Problem | null | undefined, field: string, item: (index: number) => string): string | undefined {
  const messages = (problem?.errors ?? []).flatMap(({ field: name, message }) => {
    if (name === field) return [message];
    const match = INDEXED.exec(name);
    return match?.[1] === field ? [`${item(Number(match[2]))} ${message}`] : [];
  });
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/** The fields a problem names that a form shows, counting `list[i]` as `list`: for `formAlert`. */
export const shownFields = (problem: Problem | null | undefined, formFields: readonly string[]): string[] =>
  (problem?.errors ?? []).map((e) => e.field).filter((name) => formFields.includes(INDEXED.exec(name)?.[1] ?? name));
