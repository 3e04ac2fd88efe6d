import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { RequestForm } from '@/components/my-requests/request-form';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('myRequests.form'))('title') };
}

export default async function NewRequestPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'workorders.request')) return <Forbidden slug={tenant} />;
  return <RequestForm />;
}
