'use client';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/auth/permissions';
import { ZPaymentMethod } from '@/server/payments/schemas';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { useFeeErrorText } from '@/components/money/use-fee-error-text';
import { PaymentsTable } from './payments-table';

const PAGE_SIZE = 25;
type Method = (typeof ZPaymentMethod.options)[number];
type Kind = 'PAYMENT' | 'REFUND' | 'REVERSAL';

/** 收款记录: every payment, refund and reversal, by business day, method, kind and cashier. */
export function PaymentsPanel({ initialDay }: { initialDay?: string }) {
  const t = useTranslations('cashier.payments');
  const tMethod = useTranslations('enums.paymentMethod');
  const tKind = useTranslations('enums.paymentKind');
  const { slug, role } = useTenant();
  const trpc = useTRPC();
  const errorText = useFeeErrorText();
  const [day, setDay] = useState(initialDay ?? '');
  const [method, setMethod] = useState<Method | ''>('');
  const [kind, setKind] = useState<Kind | ''>('');
  const [cashierId, setCashierId] = useState('');
  const [page, setPage] = useState(1);
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;

  const list = useQuery({
    ...trpc.payments.listPayments.queryOptions({
      tenant: slug,
      day: validDay,
      method: method || undefined,
      kind: kind || undefined,
      cashierId: cashierId || undefined,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  // Who can be filtered on: an admin sees the members; a cashier the cashiers of the chosen day.
  const members = useQuery({ ...trpc.company.members.queryOptions({ tenant: slug }), enabled: can(role, 'members.read'), staleTime: 60_000 });
  const dayCashiers = useQuery({
    ...trpc.payments.dayTotals.queryOptions({ tenant: slug, day: validDay ?? '2000-01-01' }),
    enabled: !can(role, 'members.read') && can(role, 'payments.record') && !!validDay,
  });
  const cashiers = can(role, 'members.read')
    ? (members.data ?? []).filter((m) => m.role === 'ADMIN' || m.role === 'CASHIER').map((m) => ({ id: m.userId, name: m.name }))
    : (dayCashiers.data?.byCashier ?? []).map((c) => ({ id: c.cashierId, name: c.name }));

  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <div>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          can(role, 'payments.record') && (
            <>
              <ButtonLink href={`/${slug}/cashier`}>{t('toDesk')}</ButtonLink>
              <ButtonLink href={`/${slug}/day-close${validDay ? `?day=${validDay}` : ''}`} variant="secondary">
                {t('dayTotals')}
              </ButtonLink>
            </>
          )
        }
      />
      <div className="mb-3 grid grid-cols-2 items-end gap-3 md:grid-cols-4">
        <TextField label={t('day')} type="date" value={day} onChange={(e) => filter(setDay)(e.target.value)} />
        <SelectField label={t('method')} value={method} onChange={(e) => filter(setMethod)(e.target.value as Method | '')}>
          <option value="">{t('allMethods')}</option>
          {ZPaymentMethod.options.map((m) => (
            <option key={m} value={m}>
              {tMethod(m)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('kind')} value={kind} onChange={(e) => filter(setKind)(e.target.value as Kind | '')}>
          <option value="">{t('allKinds')}</option>
          {(['PAYMENT', 'REVERSAL', 'REFUND'] as const).map((k) => (
            <option key={k} value={k}>
              {tKind(k)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('cashier')} value={cashierId} disabled={cashiers.length === 0 && !cashierId} onChange={(e) => filter(setCashierId)(e.target.value)}>
          <option value="">{cashiers.length || cashierId ? t('allCashiers') : t('cashierPickDay')}</option>
          {cashiers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
      {list.error && (
        <Alert tone="error" className="mb-3">
          {errorText(list.error)}
        </Alert>
      )}
      <PaymentsTable rows={list.data?.rows} loading={list.isPending} emptyText={validDay || method || kind || cashierId ? t('noMatches') : t('empty')} />
      {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
    </div>
  );
}
