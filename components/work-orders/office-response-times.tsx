'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useCompanyTime } from '@/components/tenant/format';
import { useTenant } from '@/components/tenant/tenant-context';
import { ListShell } from '@/components/list/list-shell';
import { Td, Th } from '@/components/ui/table';
import { can } from '@/server/shared/permissions';

/**
 * How long each street office takes to answer this company's escalations (吹哨): per office,
 * escalations, open ones, median and mean hours to the first answer, answered, handled share.
 * For holders of workorders.read (admins, executives); renders nothing for anyone else.
 */
export function OfficeResponseTimes() {
  const tenant = useTenant();
  if (!can(tenant, 'workorders.read')) return null;
  return <ResponseTable slug={tenant.slug} />;
}

function ResponseTable({ slug }: { slug: string }) {
  const t = useTranslations('street.responseTimes');
  const trpc = useTRPC();
  const { dateTime } = useCompanyTime();
  const query = useQuery(trpc.workOrders.listOfficeResponseTimes.queryOptions({ tenant: slug }));
  const hours = (h: number | null) => (h === null ? t('none') : t('hours', { n: h }));
  const pct = (share: number) => `${Math.round(share * 100)}%`;
  return (
    <ListShell
      query={query}
      caption={t('caption')}
      testId="office-response-times"
      rowTestId="office-response-row"
      head={
        <>
          <Th>{t('columns.office')}</Th>
          <Th className="text-right">{t('columns.escalations')}</Th>
          <Th className="text-right">{t('columns.open')}</Th>
          <Th className="text-right">{t('columns.median')}</Th>
          <Th className="text-right">{t('columns.mean')}</Th>
          <Th className="text-right">{t('columns.answered')}</Th>
          <Th className="text-right">{t('columns.handled')}</Th>
        </>
      }
      rowKey={(r) => r.officeId}
      cells={(r) => (
        <>
          <Td>
            <span className="font-medium text-gray-900">{r.name}</span>
            {r.oldestOpenAt && <span className="block text-xs text-gray-500">{t('oldestOpen', { at: dateTime(r.oldestOpenAt) })}</span>}
          </Td>
          <Td className="text-right tabular-nums">{r.escalations}</Td>
          <Td className="text-right tabular-nums">{r.open}</Td>
          <Td className="text-right tabular-nums">{hours(r.medianHours)}</Td>
          <Td className="text-right tabular-nums">{hours(r.meanHours)}</Td>
          <Td className="text-right tabular-nums">{r.answered}</Td>
          <Td className="text-right tabular-nums">{pct(r.handledShare)}</Td>
        </>
      )}
      empty={t('empty')}
    />
  );
}
