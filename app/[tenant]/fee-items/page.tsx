import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { FeeItemsPanel } from '@/components/fee-items/fee-items-panel';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('fees.items'))('title') };
}

export default async function FeeItemsPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'fees.manage')) return <Forbidden slug={tenant} />;
  return <FeeItemsPanel />;
}
