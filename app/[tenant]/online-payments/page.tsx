import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { OnlinePaymentsPanel } from '@/components/online-payments/online-payments-panel';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('onlinePayments'))('title') };
}

export default async function OnlinePaymentsPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'onlinePayments.manage') && !allowed(company, 'onlinePayments.reconcile')) return <Forbidden slug={tenant} />;
  return <OnlinePaymentsPanel />;
}
