import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { loadCompany } from '@/components/tenant/load-company';
import { NotificationsPanel } from '@/components/notifications/notifications-panel';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notifications'))('title') };
}

/** Every member has their own notifications. */
export default async function NotificationsPage({ params }: Props) {
  const { tenant } = await params;
  await loadCompany(tenant);
  return <NotificationsPanel />;
}
