'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { ZPaymentMethod } from '@/server/shared/schemas/payments';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { SelectField, TextField, ValueOptions } from '@/components/ui/field';
import { ButtonLink } from '@/components/ui/button';
import { parseAsString, parseAsStringLiteral, useListQuery, validDay } from '@/components/list/use-list-query';
import { PaymentsTable } from './payments-table';

type Method = (typeof ZPaymentMethod.options)[number];
const KINDS = ['PAYMENT', 'REVERSAL', 'REFUND'] as const;
const FILTERS = {
  day: parseAsString.withDefault(''),
  method: parseAsStringLiteral(ZPaymentMethod.options),
  kind: parseAsStringLiteral(KINDS),
  cashierId: parseAsString.withDefault(''),
};

/** 收款记录: every payment, refund and reversal, by business day, method, kind, cashier and payer (the one payer search). */
export function PaymentsPanel() {
  const t = useTranslations('cashier.payments');
  const tMethod = useTranslations('enums.paymentMethod');
  const tKind = useTranslations('enums.paymentKind');
  const { slug, role } = useTenant();
  const trpc = useTRPC();
  const list = useListQuery(FILTERS);
  const { day, method, kind, cashierId } = list.values;
  const businessDay = validDay(day);

  const query = useQuery({
    ...trpc.payments.listPayments.queryOptions({ tenant: slug, ...list.input, day: businessDay }),
    placeholderData: keepPreviousData,
  });
  // Who can be filtered on: an admin sees the members; a cashier the cashiers of the chosen day.
  const members = useQuery({ ...trpc.members.list.queryOptions({ tenant: slug }), enabled: can(role, 'members.read'), staleTime: 60_000 });
  const dayCashiers = useQuery({
    ...trpc.payments.getDayTotals.queryOptions({ tenant: slug, day: businessDay ?? '2000-01-01' }),
    enabled: !can(role, 'members.read') && can(role, 'payments.record') && !!businessDay,
  });
  const cashiers = can(role, 'members.read')
    ? (members.data ?? []).filter((m) => m.role === 'ADMIN' || m.role === 'CASHIER').map((m) => ({ id: m.userId, name: m.name }))
    : (dayCashiers.data?.byCashier ?? []).map((c) => ({ id: c.cashierId, name: c.name }));

  return (
    <div>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          can(role, 'payments.record') && (
            <>
              <ButtonLink href={`/${slug}/cashier`}>{t('toDesk')}</ButtonLink>
              <ButtonLink href={`/${slug}/day-close${businessDay ? `?day=${businessDay}` : ''}`} variant="secondary">
                {t('dayTotals')}
              </ButtonLink>
            </>
          )
        }
      />
      <PaymentsTable
        list={list}
        query={query}
        empty={t('empty')}
        noMatches={t('noMatches')}
        searchPlaceholder={t('searchPlaceholder')}
        filterGrid="md:grid-cols-5"
        filters={
          <>
            <TextField label={t('day')} type="date" value={day} onChange={(e) => list.setFilter('day', e.target.value)} />
            <SelectField label={t('method')} value={method ?? ''} onChange={(e) => list.setFilter('method', (e.target.value || null) as Method | null)}>
              <option value="">{t('allMethods')}</option>
              <ValueOptions values={ZPaymentMethod.options} label={tMethod} />
            </SelectField>
            <SelectField
              label={t('kind')}
              value={kind ?? ''}
              onChange={(e) => list.setFilter('kind', (e.target.value || null) as (typeof KINDS)[number] | null)}
            >
              <option value="">{t('allKinds')}</option>
              <ValueOptions values={KINDS} label={tKind} />
            </SelectField>
            <SelectField
              label={t('cashier')}
              value={cashierId}
              disabled={cashiers.length === 0 && !cashierId}
              onChange={(e) => list.setFilter('cashierId', e.target.value)}
            >
              <option value="">{cashiers.length || cashierId ? t('allCashiers') : t('cashierPickDay')}</option>
              {cashiers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          </>
        }
      />
    </div>
  );
}
