import { getLocale, getTranslations } from 'next-intl/server';
import type { RouterOutputs } from '@/components/api-types';
import { formatDate } from '@/components/tenant/format';
import { Badge } from '@/components/ui/badge';

type MyAnnouncement = RouterOutputs['announcements']['listMine'][number];

/**
 * The notices of a resident's communities on their home page: pinned ones first (open), the
 * rest folded to their title and date; made for a phone screen first.
 */
export async function MyAnnouncements({ items, timeZone }: { items: MyAnnouncement[]; timeZone: string }) {
  if (items.length === 0) return null;
  const t = await getTranslations('announcements.mine');
  const locale = await getLocale();
  return (
    <section aria-labelledby="my-announcements" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
      <h2 id="my-announcements" className="text-base font-semibold text-gray-900">
        {t('title')}
      </h2>
      <ul className="mt-2 divide-y divide-gray-100">
        {items.map((a) => (
          <li key={a.id} data-testid="announcement" className="py-2">
            <details open={a.pinned} className="group">
              <summary className="flex cursor-pointer list-none items-start justify-between gap-3">
                <span className="min-w-0">
                  <span className="flex flex-wrap items-center gap-1.5">
                    {a.pinned && <Badge tone="amber">{t('pinned')}</Badge>}
                    <span className="font-medium break-words text-gray-900">{a.title}</span>
                  </span>
                  <span className="mt-0.5 block text-xs text-gray-500">{formatDate(a.publishedAt, timeZone, locale)}</span>
                </span>
                <span aria-hidden className="mt-1 text-xs text-gray-400 group-open:rotate-180">
                  ▾
                </span>
              </summary>
              <p className="mt-2 text-sm whitespace-pre-line text-gray-700">{a.body}</p>
              {a.imageUrl && (
                <a href={a.imageUrl} target="_blank" rel="noreferrer" className="mt-2 block">
                  {/* eslint-disable-next-line @next/next/no-img-element -- served by our own route, per viewer */}
                  <img
                    src={`${a.imageUrl}?thumb=1`}
                    alt={t('imageAlt', { title: a.title })}
                    className="max-h-48 rounded-md border border-gray-200 object-cover"
                  />
                </a>
              )}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
