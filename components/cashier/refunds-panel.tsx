'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/auth/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';
import { PaymentsTable } from './payments-table';

const STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
/** Pending refunds by default; `ALL` in the URL shows every status. */
const FILTERS = { status: parseAsStringLiteral([...STATUSES, 'ALL'] as const).withDefault('PENDING') };

/**
 * Refunds of credit balances: a cashier requests one at the desk (from the payer's credit);
 * an admin approves or rejects it here.
 */
export function RefundsPanel() {
  const t = useTranslations('cashier.refunds');
  const tStatus = useTranslations('enums.approvalStatus');
  const { slug, role } = useTenant();
  const trpc = useTRPC();
  const list = useListQuery(FILTERS);
  const { status } = list.values;
  const query = useQuery({
    ...trpc.payments.listPayments.queryOptions({ tenant: slug, kind: 'REFUND', status: status === 'ALL' ? undefined : status, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const none = status === 'PENDING' ? t('nonePending') : t('none');
  return (
    <div>
      <PageHeader title={t('title')} description={can(role, 'payments.approve') ? t('descriptionAdmin') : t('descriptionCashier')} />
      <PaymentsTable
        list={list}
        query={query}
        empty={none}
        noMatches={none}
        filterGrid="max-w-xs grid-cols-1 md:grid-cols-1"
        filters={
          <SelectField label={t('status')} value={status === 'ALL' ? '' : status} onChange={(e) => list.setFilter('status', (e.target.value || 'ALL') as typeof status)}>
            <option value="">{t('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {tStatus(s)}
              </option>
            ))}
          </SelectField>
        }
      />
    </div>
  );
}
