import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { ServicesPanel } from '@/components/services/services-panel';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('services'))('title') };
}

/** 服务目录: the company's service catalogue (admins). */
export default async function ServicesPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'services.manage')) return <Forbidden slug={tenant} />;
  return <ServicesPanel />;
}
