import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { NewOrderForm } from '@/components/work-orders/new-order-form';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('workOrders.newOrder'))('title') };
}

export default async function NewWorkOrderPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'workorders.work')) return <Forbidden slug={tenant} />;
  return <NewOrderForm />;
}
