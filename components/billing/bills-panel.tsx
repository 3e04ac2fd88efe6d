'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/auth/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextField } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { useDebounced } from '@/components/ui/use-debounced';
import { useCommunityOptions } from '@/components/units/use-register-options';
import { BillStatusBadge } from '@/components/money/bill-status-badge';
import { ConfirmDialog } from '@/components/money/confirm-dialog';
import { useFeeErrorText } from '@/components/money/use-fee-error-text';
import { OneOffChargeForm } from './one-off-charge-form';

const PAGE_SIZE = 25;
type Status = 'OPEN' | 'PARTLY_PAID' | 'PAID' | 'VOID';
type Kind = 'REGULAR' | 'CORRECTION' | 'LATE_FEE' | 'ONE_OFF';

export interface BillFilters {
  period?: string;
  communityId?: string;
  status?: Status;
  q?: string;
  runId?: string;
  unitId?: string;
  feeItemId?: string;
}

/** 账单: every bill with what is paid, what is still owed, its status and days overdue. */
export function BillsPanel({ initialFilters }: { initialFilters: BillFilters }) {
  const t = useTranslations('billing.bills');
  const tc = useTranslations('common');
  const tStatus = useTranslations('enums.billStatus');
  const tKind = useTranslations('enums.billKind');
  const { slug, role } = useTenant();
  const manager = can(role, 'fees.manage');
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useFeeErrorText();
  const communities = useCommunityOptions();
  const [period, setPeriod] = useState(initialFilters.period ?? '');
  const [communityId, setCommunityId] = useState(initialFilters.communityId ?? '');
  const [status, setStatus] = useState<Status | ''>(initialFilters.status ?? '');
  const [kind, setKind] = useState<Kind | ''>('');
  const [q, setQ] = useState(initialFilters.q ?? '');
  const [page, setPage] = useState(1);
  const [charging, setCharging] = useState(false);
  const [chargeResult, setChargeResult] = useState<string | null>(null);
  const [oneOff, setOneOff] = useState(false);
  const search = useDebounced(q.trim());
  const validPeriod = /^[1-9]\d{3}-(0[1-9]|1[0-2])$/.test(period) ? period : undefined;
  const runId = initialFilters.runId;
  const unitId = initialFilters.unitId;
  const feeItemId = initialFilters.feeItemId;
  const list = useQuery({
    ...trpc.billing.listBills.queryOptions({
      tenant: slug,
      period: validPeriod,
      communityId: communityId || undefined,
      status: status || undefined,
      kind: kind || undefined,
      q: search || undefined,
      runId,
      unitId,
      feeItemId,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const charge = useMutation(trpc.billing.chargeLateFees.mutationOptions());
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

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
              <Button variant="secondary" disabled={!validPeriod} title={validPeriod ? undefined : t('chargePickPeriod')} onClick={() => setCharging(true)}>
                {t('chargeLateFees')}
              </Button>
            </>
          )
        }
      />
      <div className="mb-3 grid grid-cols-2 items-end gap-3 md:grid-cols-3 lg:grid-cols-[14rem_10rem_12rem_10rem_10rem]">
        <TextField
          label={tc('search')}
          type="search"
          placeholder={t('searchPlaceholder')}
          value={q}
          onChange={(e) => filter(setQ)(e.target.value)}
          fieldClassName="col-span-2 md:col-span-3 lg:col-span-1"
        />
        <TextField label={t('period')} type="month" placeholder="YYYY-MM" value={period} onChange={(e) => filter(setPeriod)(e.target.value)} />
        <SelectField label={t('community')} value={communityId} onChange={(e) => filter(setCommunityId)(e.target.value)}>
          <option value="">{t('allCommunities')}</option>
          {communities.options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('status')} value={status} onChange={(e) => filter(setStatus)(e.target.value as Status | '')}>
          <option value="">{t('allStatuses')}</option>
          {(['OPEN', 'PARTLY_PAID', 'PAID', 'VOID'] as const).map((s) => (
            <option key={s} value={s}>
              {tStatus(s)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('kind')} value={kind} onChange={(e) => filter(setKind)(e.target.value as Kind | '')}>
          <option value="">{t('allKinds')}</option>
          {(['REGULAR', 'CORRECTION', 'LATE_FEE', 'ONE_OFF'] as const).map((k) => (
            <option key={k} value={k}>
              {tKind(k)}
            </option>
          ))}
        </SelectField>
      </div>
      {list.error && (
        <Alert tone="error" className="mb-3">
          {errorText(list.error)}
        </Alert>
      )}
      {chargeResult && (
        <Alert tone="success" className="mb-3">
          {chargeResult}
        </Alert>
      )}
      <Table caption={t('title')}>
        <THead>
          <Th>{t('columns.period')}</Th>
          <Th>{t('columns.object')}</Th>
          <Th>{t('columns.item')}</Th>
          <Th className="text-right">{t('columns.amount')}</Th>
          <Th className="text-right">{t('columns.paid')}</Th>
          <Th className="text-right">{t('columns.outstanding')}</Th>
          <Th>{t('columns.due')}</Th>
          <Th>{t('columns.status')}</Th>
          <Th className="text-right">{t('columns.lateFee')}</Th>
        </THead>
        <TBody>
          {list.isPending && <TableMessage colSpan={9}>{tc('loading')}</TableMessage>}
          {list.data?.rows.length === 0 && <TableMessage colSpan={9}>{validPeriod || communityId || status || search || kind ? tc('noMatches') : t('empty')}</TableMessage>}
          {list.data?.rows.map((b) => (
            <Tr key={b.id} data-testid="bill-row" className={b.status === 'VOID' ? 'text-gray-500' : ''}>
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
            </Tr>
          ))}
        </TBody>
      </Table>
      {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
      <ConfirmDialog
        open={charging}
        onClose={() => setCharging(false)}
        title={t('chargeTitle', { period: validPeriod ?? '' })}
        confirmLabel={t('chargeLateFees')}
        onConfirm={async () => {
          const r = await charge.mutateAsync({ tenant: slug, period: validPeriod! });
          setChargeResult(t('charged', { count: r.charged, total: money(r.totalFen) }));
          await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
        }}
      >
        {t('chargeBody', { period: validPeriod ?? '' })}
      </ConfirmDialog>
      <Dialog open={oneOff} onClose={() => setOneOff(false)} title={t('oneOff')} wide>
        {oneOff && <OneOffChargeForm onDone={() => setOneOff(false)} />}
      </Dialog>
    </div>
  );
}
