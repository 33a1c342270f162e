import { describe, expect, it } from 'vitest';
import { mergeNewest } from './useTimeline';
import { deployment } from './testDeployments';

const ids = (list: ReadonlyArray<{ id: string }>) => list.map((d) => d.id);

describe('merging a fresh newest page into the timeline', () => {
  it('takes a short fresh page as the whole timeline', () => {
    const fresh = [deployment(0, { status: 'ready' }), deployment(1)];
    expect(mergeNewest([deployment(0, { status: 'building' }), deployment(1), deployment(2)], fresh, 3)).toEqual(fresh);
  });

  it('keeps the older pages already loaded behind a full fresh page, without repeating any', () => {
    const current = [1, 2, 3, 4, 5].map((n) => deployment(n));
    const fresh = [0, 1, 2].map((n) => deployment(n, { status: n === 0 ? 'building' : 'ready' }));
    expect(ids(mergeNewest(current, fresh, 3))).toEqual(ids([0, 1, 2, 3, 4, 5].map((n) => deployment(n))));
  });
});
