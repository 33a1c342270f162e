import { describe, expect, it } from 'vitest';
import { excerpts, followed, humanize, logLines, place, tail, WHOLE_LOG_LINES } from './logView';

describe('log view', () => {
  it('counts lines as the server does and drops colour codes', () => {
    expect(logLines('\u001b[31merror\u001b[39m one\r\ntwo\n')).toEqual(['error one', 'two']);
    expect(logLines('')).toEqual(['']);
  });

  it('shows a short log whole', () => {
    expect(excerpts(12, [3])).toEqual([{ from: 1, to: 12 }]);
  });

  it('shows a long log around its findings, merging runs that touch', () => {
    const total = WHOLE_LOG_LINES + 1000;
    expect(excerpts(total, [500, 8, 504, 1], 4)).toEqual([
      { from: 1, to: 12 },
      { from: 496, to: 508 },
    ]);
    expect(excerpts(total, [total], 4)).toEqual([{ from: total - 4, to: total }]);
  });

  it('names places and categories as people read them', () => {
    expect(place({ file: 'src/a.ts', line: 3, column: 7 })).toBe('src/a.ts:3:7');
    expect(place({ file: 'package.json', line: null, column: null })).toBe('package.json');
    expect(place({ file: null, line: 3 })).toBeNull();
    expect(humanize('module-not-found')).toBe('Module not found');
    expect(humanize('nextjs-suspense-boundary')).toBe('Next.js suspense boundary');
  });

  it('appends what a followed log gained, and takes the whole text when the server rewrote it', () => {
    const first = { text: '$ npm run build\n', reset: false, cursor: '0.16' };
    const grown = followed(first, { text: 'compiling\n', reset: false, cursor: '0.26' });
    const rewritten = followed(grown, { text: '$ npm run build\n[nex7: 900 characters of the log dropped while it was building]\ndone\n', reset: true, cursor: '1.90' });

    expect(grown).toEqual({ text: '$ npm run build\ncompiling\n', reset: false, cursor: '0.26' });
    expect(followed(grown, { text: '', reset: false, cursor: '0.26' }).text).toBe(grown.text);
    expect(rewritten.text).toBe('$ npm run build\n[nex7: 900 characters of the log dropped while it was building]\ndone\n');
    expect(rewritten.cursor).toBe('1.90');
    expect(followed(null, first)).toBe(first);
  });

  it('shows the end of a running build', () => {
    expect(tail(1000)).toEqual([{ from: 1000 - WHOLE_LOG_LINES + 1, to: 1000 }]);
    expect(tail(12)).toEqual([{ from: 1, to: 12 }]);
    expect(tail(0)).toEqual([]);
  });
});
