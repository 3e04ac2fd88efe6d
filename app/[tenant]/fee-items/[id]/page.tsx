import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '@/server/api/server-caller';
import { allowed, handlePageError, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { FeeItemDetail } from '@/components/fee-items/fee-item-detail';

type Props = { params: Promise<{ tenant: string; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('fees.items'))('title') };
}

export default async function FeeItemPage({ params }: Props) {
  const { tenant, id } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'fees.manage')) return <Forbidden slug={tenant} />;
  const api = await serverApi();
  const item = await api.feeItems.get({ tenant, id }).catch(handlePageError);
  return <FeeItemDetail initial={item} />;
}
