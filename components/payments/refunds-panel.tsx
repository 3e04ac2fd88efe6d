'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { useListQuery } from '@/components/list/use-list-query';
import { ApprovalStatusFilter, approvalStatusInput, approvalStatusParser } from '@/components/list/list-filters';
import { PaymentsTable } from './payments-table';

const FILTERS = { status: approvalStatusParser };

/**
 * Refunds of credit balances: a cashier requests one at the desk (from the payer's credit);
 * an admin approves or rejects it here.
 */
export function RefundsPanel() {
  const t = useTranslations('cashier.refunds');
  const { slug, role } = useTenant();
  const trpc = useTRPC();
  const list = useListQuery(FILTERS);
  const { status } = list.values;
  const query = useQuery({
    ...trpc.payments.listPayments.queryOptions({ tenant: slug, kind: 'REFUND', status: approvalStatusInput(status), page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const none = status === 'PENDING' ? t('nonePending') : t('none');
  return (
    <div>
      <PageHeader title={t('title')} description={can(role, 'payments.approve') ? t('descriptionAdmin') : t('descriptionCashier')} />
      <PaymentsTable
        refunds
        list={list}
        query={query}
        empty={none}
        noMatches={none}
        filterGrid="max-w-xs grid-cols-1 md:grid-cols-1"
        filters={<ApprovalStatusFilter label={t('status')} all={t('allStatuses')} value={status} onChange={(v) => list.setFilter('status', v)} />}
      />
    </div>
  );
}
