import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { StationsPanel } from '@/components/stations/stations-panel';
import { MyStations } from '@/components/stations/my-stations';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stations'))('title') };
}

/** 睦宁里服务站: admins manage, staff and executives read; a resident sees the stations of their community. */
export default async function StationsPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (allowed(company, 'services.read')) return <StationsPanel />;
  if (allowed(company, 'resident.self')) return <MyStations />;
  return <Forbidden slug={tenant} />;
}
