'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { EmptyState, Loading } from '@/components/ui/empty-state';
import { Alert } from '@/components/ui/alert';
import { useServerError } from '@/components/forms/use-server-error';
import { StationCard } from './station-card';

/** A resident: the 睦宁里 stations of their community, open now or not, and what each offers. */
export function MyStations() {
  const t = useTranslations('stations');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const q = useQuery({ ...trpc.stations.listMine.queryOptions({ tenant: slug }), refetchInterval: 60_000 });
  return (
    <div>
      <PageHeader title={t('mineTitle')} description={t('mineDescription')} />
      {q.isPending && <Loading label={t('loading')} />}
      {q.error && <Alert tone="error">{errorText(q.error)}</Alert>}
      {q.data?.length === 0 && <EmptyState title={t('mineEmpty')} />}
      <div className="grid gap-4" data-testid="my-stations">
        {q.data?.map((s) => (
          <StationCard key={s.id} station={s} />
        ))}
      </div>
    </div>
  );
}
