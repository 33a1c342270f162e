import { describe, expect, it } from 'vitest';
import { SHORTCUTS, isTyping, shortcutOf } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});

describe('keyboard shortcuts', () => {
  it('maps keys to editor actions, Ctrl or Cmd alike', () => {
    expect(shortcutOf(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutOf(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutOf(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutOf(key('s', { ctrlKey: true }))).toBe('save');
    expect(shortcutOf(key('?', { shiftKey: true }))).toBe('help');
    expect(shortcutOf(key('L', { shiftKey: true }))).toBe('layout');
    expect(shortcutOf(key('f'))).toBe('fit');
    expect(shortcutOf(key('x'))).toBeNull();
  });

  it('lists every action it handles in the help panel', () => {
    const listed = new Set(SHORTCUTS.map((s) => s.action));
    for (const action of ['undo', 'redo', 'save', 'selectAll', 'help', 'palette', 'deselect', 'fit', 'layout', 'note'] as const) {
      expect(listed.has(action)).toBe(true);
    }
  });

  it('never fires while typing in a field', () => {
    expect(isTyping(document.createElement('input'))).toBe(true);
    expect(isTyping(document.createElement('textarea'))).toBe(true);
    expect(isTyping(document.createElement('div'))).toBe(false);
  });
});
