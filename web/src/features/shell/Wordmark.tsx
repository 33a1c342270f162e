import { cx } from '../../ui/cx';

export function Wordmark({ className }: { className?: string }) {
  return (
    <span className={cx('inline-flex items-center gap-2 font-semibold tracking-tight', className)}>
      <span
        aria-hidden="true"
        className="grid size-7 place-items-center rounded-lg bg-gradient-to-br from-indigo-500 to-violet-600 text-[11px] font-bold text-white shadow-sm"
      >
        N7
      </span>
      <span className="text-[15px]">NEX7</span>
    </span>
  );
}
