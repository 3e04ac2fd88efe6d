'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextField, NamedOptions, ValueOptions } from '@/components/ui/field';
import { Td, Th } from '@/components/ui/table';
import { ListShell } from '@/components/list/list-shell';
import { parseAsString, parseAsStringLiteral, useListQuery, validPeriod } from '@/components/list/use-list-query';
import { useCommunityOptions } from '@/components/units/use-register-options';
import { BillStatusBadge } from '@/components/money/bill-status-badge';
import { ConfirmDialog } from '@/components/money/confirm-dialog';
import { OneOffChargeForm } from './one-off-charge-form';

const STATUSES = ['OPEN', 'PARTLY_PAID', 'PAID', 'VOID'] as const;
const KINDS = ['REGULAR', 'CORRECTION', 'LATE_FEE', 'ONE_OFF'] as const;
type Kind = (typeof KINDS)[number];

/** The bills list's URL: filters set by the fields, and runId/unitId/feeItemId by links from a run, unit or fee item. */
const FILTERS = {
  period: parseAsString.withDefault(''),
  communityId: parseAsString.withDefault(''),
  status: parseAsStringLiteral(STATUSES),
  kind: parseAsStringLiteral(KINDS),
  runId: parseAsString,
  unitId: parseAsString,
  feeItemId: parseAsString,
};

/** 账单: every bill with what is paid, what is still owed, its status and days overdue. */
export function BillsPanel() {
  const t = useTranslations('billing.bills');
  const tStatus = useTranslations('enums.billStatus');
  const tKind = useTranslations('enums.billKind');
  const { slug, role } = useTenant();
  const manager = can(role, 'fees.manage');
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const communities = useCommunityOptions();
  const list = useListQuery(FILTERS);
  const { period, communityId, status, kind, runId, unitId, feeItemId } = list.values;
  const [charging, setCharging] = useState(false);
  const [chargeResult, setChargeResult] = useState<string | null>(null);
  const [oneOff, setOneOff] = useState(false);
  const billPeriod = validPeriod(period);
  const query = useQuery({
    ...trpc.billing.listBills.queryOptions({ tenant: slug, ...list.input, period: billPeriod }),
    placeholderData: keepPreviousData,
  });
  const charge = useMutation(trpc.billing.chargeLateFees.mutationOptions());

  return (
    <div>
      <PageHeader
        title={t('title')}
        description={runId ? t('forRun') : unitId ? t('forUnit') : t('description')}
        back={
          (runId || unitId || feeItemId) && (
            <Link href={`/${slug}/bills`} className="text-brand-700 hover:underline">
              ← {t('allBills')}
            </Link>
          )
        }
        actions={
          manager && (
            <>
              <Button variant="secondary" onClick={() => setOneOff(true)}>
                {t('oneOff')}
              </Button>
              <Button variant="secondary" disabled={!billPeriod} title={billPeriod ? undefined : t('chargePickPeriod')} onClick={() => setCharging(true)}>
                {t('chargeLateFees')}
              </Button>
            </>
          )
        }
      />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        searchPlaceholder={t('searchPlaceholder')}
        filterGrid="md:grid-cols-3 lg:grid-cols-[14rem_10rem_12rem_10rem_10rem]"
        filters={
          <>
            <TextField label={t('period')} type="month" value={period} onChange={(e) => list.setFilter('period', e.target.value)} />
            <SelectField label={t('community')} value={communityId} onChange={(e) => list.setFilter('communityId', e.target.value)}>
              <option value="">{t('allCommunities')}</option>
              <NamedOptions items={communities.options} />
            </SelectField>
            <SelectField
              label={t('status')}
              value={status ?? ''}
              onChange={(e) => list.setFilter('status', (e.target.value || null) as (typeof STATUSES)[number] | null)}
            >
              <option value="">{t('allStatuses')}</option>
              <ValueOptions values={STATUSES} label={tStatus} />
            </SelectField>
            <SelectField label={t('kind')} value={kind ?? ''} onChange={(e) => list.setFilter('kind', (e.target.value || null) as Kind | null)}>
              <option value="">{t('allKinds')}</option>
              <ValueOptions values={KINDS} label={tKind} />
            </SelectField>
          </>
        }
        notice={
          chargeResult && (
            <Alert tone="success" className="mb-3">
              {chargeResult}
            </Alert>
          )
        }
        head={
          <>
            <Th>{t('columns.period')}</Th>
            <Th>{t('columns.object')}</Th>
            <Th>{t('columns.item')}</Th>
            <Th className="text-right">{t('columns.amount')}</Th>
            <Th className="text-right">{t('columns.paid')}</Th>
            <Th className="text-right">{t('columns.outstanding')}</Th>
            <Th>{t('columns.due')}</Th>
            <Th>{t('columns.status')}</Th>
            <Th className="text-right">{t('columns.lateFee')}</Th>
          </>
        }
        rowKey={(b) => b.id}
        rowTestId="bill-row"
        rowState={(b) => (b.status === 'VOID' ? 'dimmed' : undefined)}
        empty={t('empty')}
        cells={(b) => (
          <>
            <Td className="whitespace-nowrap tabular-nums">{b.period}</Td>
            <Td className="min-w-36">
              <Link href={`/${slug}/bills/${b.id}`} className="font-medium text-brand-700 hover:underline">
                {b.label}
              </Link>
              <span className="block text-xs text-gray-500">{b.communityName}</span>
            </Td>
            <Td className="min-w-28">
              {b.feeItemName ?? b.description}
              {b.kind !== 'REGULAR' && (
                <span className="ml-1">
                  <Badge tone="blue">{tKind(b.kind as Kind)}</Badge>
                </span>
              )}
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{money(b.amountFen)}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              {money(b.paidFen)}
              {b.adjustedFen > 0 && <span className="block text-xs text-gray-500">{t('adjusted', { amount: money(b.adjustedFen) })}</span>}
            </Td>
            <Td className="text-right font-medium whitespace-nowrap tabular-nums">{money(b.outstandingFen)}</Td>
            <Td className="whitespace-nowrap tabular-nums">
              {b.dueDate}
              {b.daysOverdue > 0 && <span className="block text-xs text-red-700">{t('overdueDays', { days: b.daysOverdue })}</span>}
            </Td>
            <Td>
              <BillStatusBadge status={b.status} overdue={b.daysOverdue > 0} />
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{b.lateFeeAccruedFen > 0 ? money(b.lateFeeAccruedFen) : '—'}</Td>
          </>
        )}
      />
      <ConfirmDialog
        open={charging}
        onClose={() => setCharging(false)}
        title={t('chargeTitle', { period: billPeriod ?? '' })}
        confirmLabel={t('chargeLateFees')}
        onConfirm={async () => {
          const r = await charge.mutateAsync({ tenant: slug, period: billPeriod! });
          setChargeResult(t('charged', { count: r.charged, total: money(r.totalFen) }));
          await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
        }}
      >
        {t('chargeBody', { period: billPeriod ?? '' })}
      </ConfirmDialog>
      <Dialog open={oneOff} onClose={() => setOneOff(false)} title={t('oneOff')} wide>
        {oneOff && <OneOffChargeForm onDone={() => setOneOff(false)} />}
      </Dialog>
    </div>
  );
}
