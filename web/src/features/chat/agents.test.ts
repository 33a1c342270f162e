import { describe, expect, it } from 'vitest';
import { addressedAgent, lookOf, mentionAt, safeColor, suggestAgents } from './agents';
import { AGENTS } from './testChat';

describe('addressing agents', () => {
  it('finds the @word the caret is in, only at the start or after a space', () => {
    expect(mentionAt('@de', 3)).toEqual({ start: 0, query: 'de' });
    expect(mentionAt('ask @', 5)).toEqual({ start: 4, query: '' });
    expect(mentionAt('mail me@example', 15)).toBeNull();
    expect(mentionAt('@dev please', 11)).toBeNull();
  });

  it('suggests enabled agents by id or name prefix', () => {
    const agents = AGENTS.map((a) => (a.id === 'designer' ? { ...a, enabled: false } : a));
    expect(suggestAgents(agents, 'de').map((a) => a.id)).toEqual(['dev', 'debugger']);
    expect(suggestAgents(agents, 'T').map((a) => a.id)).toEqual(['teacher']);
  });

  it('says which agent a message starting with @ addresses', () => {
    expect(addressedAgent('  @Debugger why does it fail?', AGENTS)?.id).toBe('debugger');
    expect(addressedAgent('ask @dev later', AGENTS)).toBeNull();
    expect(addressedAgent('@nobody hi', AGENTS)).toBeNull();
  });

  it('shows an agent the registry no longer knows, and lets no other colour into a style', () => {
    expect(lookOf(AGENTS, 'reviewer')).toMatchObject({ name: 'Reviewer', avatar: '🤖' });
    expect(safeColor('red; background: url(x)')).toBe('#71717a');
    expect(safeColor('#DC2626')).toBe('#DC2626');
  });
});
