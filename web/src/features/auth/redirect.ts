/** Where to go after signing in: the page the user originally wanted, if it is one of ours. */
export function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/sign')) return from;
  }
  return '/projects';
}
