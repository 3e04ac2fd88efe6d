import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { CashierDesk } from '@/components/payments/cashier-desk';

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cashier.desk'))('title') };
}

const id = (v: string | string[] | undefined) => (typeof v === 'string' && v.length > 0 && v.length <= 64 ? v : undefined);

export default async function CashierPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const sp = await searchParams;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'payments.record')) return <Forbidden slug={tenant} />;
  const unit = id(sp.unit);
  const parking = id(sp.parking);
  const payer = unit ? { kind: 'UNIT' as const, id: unit } : parking ? { kind: 'PARKING' as const, id: parking } : null;
  return <CashierDesk initialPayer={payer} />;
}
