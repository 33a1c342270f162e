import { Button } from './Button';

export function Pagination({ page, totalPages, totalItems, noun, onPage }: { page: number; totalPages: number; totalItems: number; noun: string; onPage: (page: number) => void }) {
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 border-t border-zinc-200 px-4 py-2.5 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <span>
        {totalItems} {noun}
        {totalItems === 1 ? '' : 's'} · page {Math.min(page + 1, Math.max(totalPages, 1))} of {Math.max(totalPages, 1)}
      </span>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={page <= 0} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={page + 1 >= totalPages} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
