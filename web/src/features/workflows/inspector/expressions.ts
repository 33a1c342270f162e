import { isJsonObject, type Json } from '../api';

/** What the completions are made from: the node's input in the last run and earlier nodes' outputs by name. */
export interface RunData {
  input: Json | undefined;
  nodes: Readonly<Record<string, Json>>;
}

/** Where the caret is inside an unclosed `{{ `: the text typed since it, to complete. */
export interface CompletionContext {
  /** Index where the typed partial starts (after `{{` and spaces). */
  start: number;
  partial: string;
}

const MAX_DEPTH = 3;
const MAX_SUGGESTIONS = 50;

/** The caret's completion context, or null when it is not inside an open `{{ … }}` (or after a space in one). */
export function completionContext(text: string, caret: number): CompletionContext | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open) >= 0) return null;
  let start = open + 2;
  while (before[start] === ' ') start++;
  const partial = before.slice(start);
  // Complete one path at a time: after an operator or a space the person is writing something else.
  if (/[\s+\-*/&=<>!(),?:]/.test(partial)) return null;
  return { start, partial };
}

function paths(value: Json | undefined, prefix: string, depth: number, into: string[]): void {
  if (!isJsonObject(value) || depth >= MAX_DEPTH) return;
  for (const [key, child] of Object.entries(value)) {
    const path = /^[A-Za-z_$][\w$]*$/.test(key) ? `${prefix}.${key}` : `${prefix}[${JSON.stringify(key)}]`;
    into.push(path);
    paths(child, path, depth + 1, into);
  }
}

/** Every `$input…` and `$node["Name"]…` path the data offers, shortest first within each source. */
export function suggestionsOf(data: RunData): string[] {
  const found: string[] = ['$input'];
  paths(data.input, '$input', 0, found);
  for (const [name, output] of Object.entries(data.nodes)) {
    const base = `$node[${JSON.stringify(name)}]`;
    found.push(base);
    paths(output, base, 0, found);
  }
  return found;
}

/** The suggestions that continue `partial` (case-insensitive), at most 50. */
export function matching(suggestions: readonly string[], partial: string): string[] {
  const wanted = partial.toLowerCase();
  return suggestions.filter((s) => s.toLowerCase().startsWith(wanted) && s.length > partial.length).slice(0, MAX_SUGGESTIONS);
}

/** The text with `suggestion` in place of the partial, closed with ` }}` when nothing closes it yet; and the caret after it. */
export function accept(text: string, context: CompletionContext, caret: number, suggestion: string): { text: string; caret: number } {
  const after = text.slice(caret);
  const closed = /^\s*}}/.test(after) || (after.includes('}}') && !after.slice(0, after.indexOf('}}')).includes('{{'));
  const insert = closed ? suggestion : `${suggestion} }}`;
  const next = text.slice(0, context.start) + insert + after;
  return { text: next, caret: context.start + suggestion.length };
}

/** Whether a field's text has an expression worth previewing. */
export const hasExpression = (text: string): boolean => /{{[\s\S]*}}/.test(text);
