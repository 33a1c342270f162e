import { cx } from '../../ui/cx';
import type { AgentLook } from './agents';

/** An agent's emoji on a disc of its colour; decorative, since its name is always written next to it. */
export function AgentAvatar({ look, size = 'md' }: { look: AgentLook; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <span
      aria-hidden="true"
      className={cx('grid shrink-0 place-items-center rounded-full border-2 leading-none', size === 'sm' ? 'size-6 text-sm' : size === 'lg' ? 'size-10 text-xl' : 'size-8 text-base')}
      style={{ borderColor: look.color, backgroundColor: `${look.color}1f` }}
    >
      {look.avatar}
    </span>
  );
}

/** Avatar and name of an agent (the name in the text colour: agent colours are not chosen for contrast). */
export function AgentName({ look, size = 'sm' }: { look: AgentLook; size?: 'sm' | 'md' }) {
  return (
    <span className="inline-flex items-center gap-1.5 align-middle">
      <AgentAvatar look={look} size={size === 'sm' ? 'sm' : 'md'} />
      <span className="font-medium text-zinc-900 dark:text-zinc-100">{look.name}</span>
    </span>
  );
}
