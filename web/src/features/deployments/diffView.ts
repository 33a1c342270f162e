/** What a line of a unified diff is. */
export type DiffLineKind = 'file' | 'hunk' | 'add' | 'remove' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/**
 * The lines of a unified diff, each with its kind. A hunk's header says how many old and new lines
 * it has, so a removed line that happens to start with `---` is not taken for the next file's
 * header: outside hunks `---`, `+++`, `diff --git` and `index` lines name files.
 */
export function diffLines(diff: string): DiffLine[] {
  const lines = diff.replace(/\r\n/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  let oldLeft = 0;
  let newLeft = 0;
  return lines.map((text): DiffLine => {
    const hunk = HUNK.exec(text);
    if (hunk) {
      oldLeft = Number(hunk[1] ?? 1);
      newLeft = Number(hunk[2] ?? 1);
      return { kind: 'hunk', text };
    }
    if (oldLeft > 0 || newLeft > 0) {
      if (text.startsWith('+')) {
        newLeft--;
        return { kind: 'add', text };
      }
      if (text.startsWith('-')) {
        oldLeft--;
        return { kind: 'remove', text };
      }
      if (!text.startsWith('\\')) {
        oldLeft--;
        newLeft--;
      }
      return { kind: 'context', text };
    }
    if (/^(diff --git|--- |\+\+\+ |index |new file|deleted file|similarity|rename )/.test(text)) return { kind: 'file', text };
    if (text.startsWith('+')) return { kind: 'add', text };
    if (text.startsWith('-')) return { kind: 'remove', text };
    return { kind: 'context', text };
  });
}
