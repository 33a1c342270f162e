import { describe, expect, it } from 'vitest';
import { diffLines } from './diffView';

const kinds = (diff: string) => diffLines(diff).map((line) => line.kind);

describe('unified diff lines', () => {
  it('tells file headers, hunks, additions, removals and context apart', () => {
    expect(kinds(['diff --git a/x b/x', 'index 1..2 100644', '--- a/x', '+++ b/x', '@@ -1,2 +1,2 @@', ' keep', '-old', '+new', ''].join('\n'))).toEqual([
      'file', 'file', 'file', 'file', 'hunk', 'context', 'remove', 'add',
    ]);
  });

  it('takes a removed line that starts with --- for a removal, not a header, by counting the hunk', () => {
    expect(kinds(['--- a/notes.md', '+++ b/notes.md', '@@ -1,2 +1 @@', '--- a rule in markdown', ' kept'].join('\n'))).toEqual(['file', 'file', 'hunk', 'remove', 'context']);
  });

  it('finds the next file after a hunk ends, without a diff --git line', () => {
    const diff = ['--- a/a.ts', '+++ b/a.ts', '@@ -1 +1 @@', '-a', '+b', '--- a/b.ts', '+++ b/b.ts', '@@ -2,0 +3 @@', '+c', '\\ No newline at end of file'].join('\n');
    expect(kinds(diff)).toEqual(['file', 'file', 'hunk', 'remove', 'add', 'file', 'file', 'hunk', 'add', 'context']);
  });
});
