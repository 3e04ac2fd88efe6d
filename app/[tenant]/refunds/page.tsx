import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { RefundsPanel } from '@/components/payments/refunds-panel';
import { OnlineRefundsQueue } from '@/components/online-payments/online-refunds-queue';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cashier.refunds'))('title') };
}

export default async function RefundsPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'payments.record')) return <Forbidden slug={tenant} />;
  // The approvals page: credit refunds from the desk, then (admins) refunds of online payments.
  return (
    <>
      <RefundsPanel />
      {allowed(company, 'onlinePayments.refund') && <OnlineRefundsQueue />}
    </>
  );
}
