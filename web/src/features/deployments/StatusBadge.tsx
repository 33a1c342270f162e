import { Badge } from '../../ui/Badge';
import { cx } from '../../ui/cx';
import type { StatusLook } from './deploymentMeta';

/** A status in words and colour; `moving` adds a pulsing dot for something still under way. */
export function StatusBadge({ look, moving = false, className }: { look: StatusLook; moving?: boolean; className?: string }) {
  return (
    <Badge tone={look.tone} className={cx('gap-1.5', className)}>
      <span aria-hidden="true" className={cx('size-1.5 rounded-full bg-current', moving && 'motion-safe:animate-pulse')} />
      {look.label}
    </Badge>
  );
}
