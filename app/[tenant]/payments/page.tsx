import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { PaymentsPanel } from '@/components/cashier/payments-panel';

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cashier.payments'))('title') };
}

export default async function PaymentsPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const sp = await searchParams;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'fees.read')) return <Forbidden slug={tenant} />;
  const day = typeof sp.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(sp.day) ? sp.day : undefined;
  return <PaymentsPanel initialDay={day} />;
}
