import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '@/server/api/server-caller';
import { allowed, handlePageError, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { BillDetail } from '@/components/billing/bill-detail';

type Props = { params: Promise<{ tenant: string; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('billing.bills'))('title') };
}

export default async function BillPage({ params }: Props) {
  const { tenant, id } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'fees.read')) return <Forbidden slug={tenant} />;
  const api = await serverApi();
  const bill = await api.billing.getBill({ tenant, id }).catch(handlePageError);
  return <BillDetail initial={bill} />;
}
