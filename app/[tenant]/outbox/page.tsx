import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { OutboxPanel } from '@/components/notifications/outbox-panel';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('collection.outbox'))('title') };
}

export default async function OutboxPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'fees.manage')) return <Forbidden slug={tenant} />;
  return <OutboxPanel />;
}
