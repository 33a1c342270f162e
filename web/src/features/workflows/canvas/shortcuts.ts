/** The editor's keyboard shortcuts: the help panel lists exactly these. */
export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'delete'
  | 'selectAll'
  | 'save'
  | 'fit'
  | 'layout'
  | 'note'
  | 'help'
  | 'palette'
  | 'deselect';

export interface Shortcut {
  action: ShortcutAction;
  keys: string;
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'palette', keys: '/', label: 'Search the node palette (↑ ↓ to choose, Enter to add)' },
  { action: 'undo', keys: 'Ctrl Z', label: 'Undo your last change' },
  { action: 'redo', keys: 'Ctrl Shift Z · Ctrl Y', label: 'Redo' },
  { action: 'copy', keys: 'Ctrl C', label: 'Copy the selection (works between workflows)' },
  { action: 'cut', keys: 'Ctrl X', label: 'Cut the selection' },
  { action: 'paste', keys: 'Ctrl V', label: 'Paste' },
  { action: 'delete', keys: 'Delete · Backspace', label: 'Delete the selection' },
  { action: 'selectAll', keys: 'Ctrl A', label: 'Select everything' },
  { action: 'deselect', keys: 'Esc', label: 'Clear the selection' },
  { action: 'save', keys: 'Ctrl S', label: 'Save the draft now' },
  { action: 'fit', keys: 'F', label: 'Zoom to fit' },
  { action: 'layout', keys: 'Shift L', label: 'Auto-layout' },
  { action: 'note', keys: 'N', label: 'Add a sticky note' },
  { action: 'help', keys: '?', label: 'Show this help' },
];

/** Which shortcut a key press means, or null. Copy, cut, paste and delete come from their own events. */
export function shortcutOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey) return null;
  if (mod) {
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y') return 'redo';
    if (key === 's') return 'save';
    if (key === 'a') return 'selectAll';
    return null;
  }
  if (event.key === '?') return 'help';
  if (event.key === '/') return 'palette';
  if (event.key === 'Escape') return 'deselect';
  if (key === 'f' && !event.shiftKey) return 'fit';
  if (key === 'l' && event.shiftKey) return 'layout';
  if (key === 'n' && !event.shiftKey) return 'note';
  return null;
}

/** Typing in a field must never trigger canvas shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
