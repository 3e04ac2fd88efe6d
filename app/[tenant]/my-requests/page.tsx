import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { MyRequestsList } from '@/components/my-requests/my-requests-list';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('myRequests'))('title') };
}

export default async function MyRequestsPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'workorders.request')) return <Forbidden slug={tenant} />;
  return <MyRequestsList />;
}
