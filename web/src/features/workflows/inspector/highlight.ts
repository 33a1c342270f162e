/** A run of characters the code editor colours alike. */
export interface Token {
  text: string;
  kind: 'plain' | 'string' | 'number' | 'keyword' | 'comment' | 'variable' | 'operator' | 'expression';
}

const KEYWORDS: Record<string, readonly string[]> = {
  javascript: ['const', 'let', 'var', 'return', 'if', 'else', 'for', 'while', 'function', 'new', 'true', 'false', 'null', 'undefined', 'of', 'in', 'typeof', 'await', 'async'],
  jsonata: ['and', 'or', 'in', 'true', 'false', 'null', 'function'],
  sql: ['select', 'from', 'where', 'insert', 'into', 'values', 'update', 'set', 'delete', 'join', 'left', 'right', 'inner', 'on', 'and', 'or', 'not', 'null', 'order', 'by', 'group', 'limit', 'as', 'returning'],
  json: ['true', 'false', 'null'],
  html: [],
};

const PATTERN = /(\{\{[\s\S]*?\}\})|(\/\/[^\n]*|\/\*[\s\S]*?\*\/|--[^\n]*)|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\.)*`?)|(\b\d+(?:\.\d+)?\b)|(\$\$?[A-Za-z_][\w]*|\$\$?(?![\w]))|([A-Za-z_][\w]*)|([-+*/%=<>!&|?:.,;()[\]{}~^]+)/g;

/** Splits code into tokens for a light highlighter (not a parser: good enough to read code by). */
export function highlight(code: string, language: string): Token[] {
  const keywords = new Set(KEYWORDS[language] ?? []);
  const sqlLike = language === 'sql';
  const tokens: Token[] = [];
  let last = 0;
  const push = (text: string, kind: Token['kind']) => {
    if (!text) return;
    const previous = tokens[tokens.length - 1];
    if (previous && previous.kind === kind) previous.text += text;
    else tokens.push({ text, kind });
  };
  for (const match of code.matchAll(PATTERN)) {
    const index = match.index ?? 0;
    push(code.slice(last, index), 'plain');
    const [text, expression, comment, string, number, variable, word] = match;
    if (expression) push(text, 'expression');
    else if (comment && (comment.startsWith('--') ? sqlLike : language !== 'sql' || comment.startsWith('/*'))) push(text, 'comment');
    else if (string) push(text, 'string');
    else if (number) push(text, 'number');
    else if (variable && language !== 'sql') push(text, 'variable');
    else if (word && keywords.has(sqlLike ? word.toLowerCase() : word)) push(text, 'keyword');
    else if (word) push(text, 'plain');
    else push(text, comment || variable ? 'plain' : 'operator');
    last = index + text.length;
  }
  push(code.slice(last), 'plain');
  return tokens;
}

/** Tailwind classes for each kind of token (the expression editor and the chat's code blocks). */
export const TOKEN_CLASS: Record<Token['kind'], string> = {
  plain: '',
  string: 'text-emerald-700 dark:text-emerald-400',
  number: 'text-amber-700 dark:text-amber-400',
  keyword: 'text-fuchsia-700 font-semibold dark:text-fuchsia-400',
  comment: 'text-zinc-400 italic',
  variable: 'text-sky-700 dark:text-sky-400',
  operator: 'text-zinc-500',
  expression: 'bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300',
};
