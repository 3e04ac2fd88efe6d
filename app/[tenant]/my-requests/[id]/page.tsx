import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '@/server/api/server-caller';
import { allowed, handlePageError, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { RequestDetail } from '@/components/my-requests/request-detail';

type Props = { params: Promise<{ tenant: string; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('myRequests'))('title') };
}

export default async function MyRequestPage({ params }: Props) {
  const { tenant, id } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'workorders.request')) return <Forbidden slug={tenant} />;
  const api = await serverApi();
  const order = await api.myRequests.getMine({ tenant, orderId: id }).catch(handlePageError);
  return <RequestDetail initial={order} />;
}
