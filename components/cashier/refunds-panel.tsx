'use client';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/auth/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { Alert } from '@/components/ui/alert';
import { useFeeErrorText } from '@/components/money/use-fee-error-text';
import { PaymentsTable } from './payments-table';

const PAGE_SIZE = 25;
type Status = 'PENDING' | 'APPROVED' | 'REJECTED';

/**
 * Refunds of credit balances: a cashier requests one at the desk (from the payer's credit);
 * an admin approves or rejects it here.
 */
export function RefundsPanel() {
  const t = useTranslations('cashier.refunds');
  const tStatus = useTranslations('enums.approvalStatus');
  const { slug, role } = useTenant();
  const trpc = useTRPC();
  const errorText = useFeeErrorText();
  const [status, setStatus] = useState<Status | ''>('PENDING');
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.payments.listPayments.queryOptions({ tenant: slug, kind: 'REFUND', status: status || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <PageHeader title={t('title')} description={can(role, 'payments.approve') ? t('descriptionAdmin') : t('descriptionCashier')} />
      <div className="mb-3 max-w-xs">
        <SelectField
          label={t('status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status | '');
            setPage(1);
          }}
        >
          <option value="">{t('allStatuses')}</option>
          {(['PENDING', 'APPROVED', 'REJECTED'] as const).map((s) => (
            <option key={s} value={s}>
              {tStatus(s)}
            </option>
          ))}
        </SelectField>
      </div>
      {list.error && (
        <Alert tone="error" className="mb-3">
          {errorText(list.error)}
        </Alert>
      )}
      <PaymentsTable rows={list.data?.rows} loading={list.isPending} emptyText={status === 'PENDING' ? t('nonePending') : t('none')} />
      {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
    </div>
  );
}
