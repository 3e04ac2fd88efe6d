import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { CollectionSummary } from '@/components/collection/collection-summary';

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('collection.summary'))('title') };
}

export default async function CollectionPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const sp = await searchParams;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'reports.read')) return <Forbidden slug={tenant} />;
  const period = typeof sp.period === 'string' && /^[1-9]\d{3}-(0[1-9]|1[0-2])$/.test(sp.period) ? sp.period : undefined;
  return <CollectionSummary initialPeriod={period} />;
}
