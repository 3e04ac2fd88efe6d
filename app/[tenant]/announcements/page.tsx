import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { AnnouncementsPanel } from '@/components/announcements/announcements-panel';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('announcements'))('title') };
}

export default async function AnnouncementsPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'services.manage')) return <Forbidden slug={tenant} />;
  return <AnnouncementsPanel />;
}
