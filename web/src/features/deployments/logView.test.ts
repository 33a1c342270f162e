import { describe, expect, it } from 'vitest';
import { excerpts, humanize, logLines, place, WHOLE_LOG_LINES } from './logView';

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
});
