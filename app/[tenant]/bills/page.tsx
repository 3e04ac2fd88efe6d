import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ZBillStatus } from '@/server/billing/schemas';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { BillsPanel } from '@/components/billing/bills-panel';

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('billing.bills'))('title') };
}

const one = (v: string | string[] | undefined) => (typeof v === 'string' && v.length > 0 && v.length <= 64 ? v : undefined);

export default async function BillsPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const sp = await searchParams;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'fees.read')) return <Forbidden slug={tenant} />;
  const status = ZBillStatus.safeParse(sp.status);
  const period = one(sp.period);
  return (
    <BillsPanel
      key={JSON.stringify(sp)}
      initialFilters={{
        period: period && /^[1-9]\d{3}-(0[1-9]|1[0-2])$/.test(period) ? period : undefined,
        communityId: one(sp.communityId),
        status: status.success ? status.data : undefined,
        q: one(sp.q),
        runId: one(sp.runId),
        unitId: one(sp.unitId),
        feeItemId: one(sp.feeItemId),
      }}
    />
  );
}
