import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { CheckoutResult } from '@/components/my-bills/checkout-result';

type Props = { params: Promise<{ tenant: string; intentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('myBills.checkout'))('title') };
}

/** Where Checkout returns a resident (success and cancel URLs of the session). */
export default async function CheckoutReturnPage({ params, searchParams }: Props) {
  const { tenant, intentId } = await params;
  const sp = await searchParams;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'resident.pay')) return <Forbidden slug={tenant} />;
  return <CheckoutResult key={intentId} intentId={intentId} cancelled={sp.cancelled === '1'} />;
}
