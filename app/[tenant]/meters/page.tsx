import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { MetersPanel } from '@/components/fees/meters-panel';

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('fees.meters'))('title') };
}

export default async function MetersPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const sp = await searchParams;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'fees.manage')) return <Forbidden slug={tenant} />;
  const feeItemId = typeof sp.feeItemId === 'string' && sp.feeItemId.length <= 64 ? sp.feeItemId : undefined;
  return <MetersPanel initialFeeItemId={feeItemId} />;
}
