import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '@/server/api/server-caller';
import { allowed, handlePageError, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { OrderDetail } from '@/components/work-orders/order-detail';

type Props = { params: Promise<{ tenant: string; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('workOrders'))('title') };
}

export default async function WorkOrderPage({ params }: Props) {
  const { tenant, id } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'workorders.view')) return <Forbidden slug={tenant} />;
  const api = await serverApi();
  const order = await api.workOrders.getOrder({ tenant, orderId: id }).catch(handlePageError);
  return <OrderDetail initial={order} />;
}
