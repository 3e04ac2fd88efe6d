'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import type { ShellCounts } from '@/components/tenant/load-company';

/** The header's bell: the unread count (the page's, then polled once a minute), linking to the list. */
export function NotificationBell({ initial }: { initial?: NonNullable<ShellCounts['unread']> }) {
  const t = useTranslations('shell.bell');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.notifications.listMine.queryOptions({ tenant: slug, unreadOnly: true, pageSize: 1 }),
    initialData: initial,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
  const unread = q.data?.unread ?? 0;
  return (
    <Link
      href={`/${slug}/notifications`}
      className="relative inline-flex size-9 items-center justify-center rounded-md text-gray-600 hover:bg-gray-100 hover:text-gray-900"
      aria-label={`${t('label')} · ${t('unread', { count: unread })}`}
      title={t('unread', { count: unread })}
      data-testid="notification-bell"
    >
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} className="size-5" aria-hidden>
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {unread > 0 && (
        <span
          data-testid="notification-count"
          className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
