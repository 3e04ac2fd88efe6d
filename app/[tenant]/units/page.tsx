import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ZUnitStatus } from '@/server/property/schemas';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { UnitsPanel } from '@/components/units/units-panel';

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('units'))('title') };
}

const one = (v: string | string[] | undefined) => (typeof v === 'string' && v.length > 0 && v.length <= 64 ? v : undefined);

export default async function UnitsPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const sp = await searchParams;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'register.read')) return <Forbidden slug={tenant} />;
  const status = ZUnitStatus.safeParse(sp.status);
  return (
    <UnitsPanel
      // A new query string (e.g. a link from a community) starts a fresh panel.
      key={JSON.stringify(sp)}
      initialFilters={{ communityId: one(sp.communityId), buildingId: one(sp.buildingId), status: status.success ? status.data : undefined, q: one(sp.q) }}
    />
  );
}
