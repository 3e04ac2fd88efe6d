'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Card } from '@/components/ui/card';
import { PaymentsTable } from './payments-table';
import type { PayerRef } from './payer';

/** The payer's latest payments, refunds and reversals at the desk. */
export function PayerPayments({ payer }: { payer: PayerRef }) {
  const t = useTranslations('cashier.desk');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const list = useQuery(trpc.payments.listPayments.queryOptions({ tenant: slug, payer, pageSize: 10 }));
  return (
    <Card title={t('recentPayments')}>
      <PaymentsTable query={list} empty={t('noPayments')} showPayer={false} />
    </Card>
  );
}
