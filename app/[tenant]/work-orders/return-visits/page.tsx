import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { ReturnVisits } from '@/components/work-orders/return-visits';
import { OfficeResponseTimes } from '@/components/work-orders/office-response-times';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('workOrders.returnVisits'))('title') };
}

export default async function ReturnVisitsPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'workorders.followUp')) return <Forbidden slug={tenant} />;
  // 回访 and 吹哨 are the follow-up of orders: the street offices' answer times sit below the calls to make.
  return (
    <div className="space-y-6">
      <ReturnVisits />
      <OfficeResponseTimes />
    </div>
  );
}
