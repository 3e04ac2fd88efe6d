'use client';
import { useTranslations } from 'next-intl';
import { Button } from './button';

/** "Total N · page X of Y" with previous/next. Hidden controls when everything fits one page. */
export function Pagination({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const t = useTranslations('common.pagination');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-gray-600" aria-label={t('label')}>
      <p data-testid="pagination-total">{t('total', { total })}</p>
      {pages > 1 && (
        <div className="flex items-center gap-2">
          <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            {t('previous')}
          </Button>
          <span>{t('page', { page, pages })}</span>
          <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            {t('next')}
          </Button>
        </div>
      )}
    </nav>
  );
}
