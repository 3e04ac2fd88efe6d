'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { ONLINE_REFUND_STATUSES } from '@/server/shared/schemas/online-refunds';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { ListShell, ActionsTh } from '@/components/list/list-shell';
import { ChoiceFilter } from '@/components/list/list-filters';
import { parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';
import { Td, Th } from '@/components/ui/table';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';
import { ReasonDialog } from '@/components/money/reason-dialog';
import { OnlineRefundStatusBadge } from './online-refund-status';

type Row = RouterOutputs['onlinePayments']['listRefunds']['rows'][number];

// Waiting for approval by default; `ALL` in the URL shows every status.
const FILTERS = { status: parseAsStringLiteral([...ONLINE_REFUND_STATUSES, 'ALL'] as const).withDefault('PENDING_APPROVAL') };

/**
 * The online refunds section of the approvals page (/[tenant]/refunds): admins approve or
 * reject the refunds another admin asked for (four-eyes), and see every refund's status.
 */
export function OnlineRefundsQueue() {
  const t = useTranslations('cashier.onlineRefunds');
  const tStatus = useTranslations('cashier.onlineRefunds.status');
  const { slug } = useTenant();
  const money = useMoney();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useListQuery(FILTERS, { prefix: 'online' });
  const { status } = list.values;
  const query = useQuery({
    ...trpc.onlinePayments.listRefunds.queryOptions({
      tenant: slug,
      ...(status === 'ALL' ? {} : { status }),
      page: list.page,
      pageSize: list.pageSize,
    }),
    placeholderData: keepPreviousData,
  });
  const [deciding, setDeciding] = useState<{ row: Row; approve: boolean } | null>(null);
  const approve = useMutation(trpc.onlinePayments.approveRefund.mutationOptions());
  const reject = useMutation(trpc.onlinePayments.rejectRefund.mutationOptions());
  const none = status === 'PENDING_APPROVAL' ? t('nonePending') : t('none');
  const who = (r: Row) => (r.automatic ? t('automatic') : r.requestedBy.id === 'system:stripe' ? t('stripeDashboard') : r.requestedBy.name);

  return (
    <section data-testid="online-refunds-queue" className="mt-10">
      <PageHeader title={t('title')} description={t('descriptionAdmin')} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        empty={none}
        noMatches={none}
        filterGrid="max-w-xs grid-cols-1 md:grid-cols-1"
        filters={
          <ChoiceFilter
            label={t('statusFilter')}
            all={t('allStatuses')}
            value={status === 'ALL' ? '' : status}
            onChange={(v) => list.setFilter('status', v ?? 'ALL')}
            choices={ONLINE_REFUND_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))}
          />
        }
        head={
          <>
            <Th>{t('createdAt')}</Th>
            <Th>{t('receiptNo')}</Th>
            <Th>{t('payer')}</Th>
            <Th className="text-right">{t('paymentAmount')}</Th>
            <Th className="text-right">{t('amountCol')}</Th>
            <Th>{t('requestedBy')}</Th>
            <Th>{t('reasonCol')}</Th>
            <Th>{t('statusCol')}</Th>
            <ActionsTh />
          </>
        }
        rowKey={(r) => r.id}
        rowTestId="online-refund-row"
        rowState={(r) => (r.status === 'REJECTED' || r.status === 'FAILED' ? 'dimmed' : undefined)}
        cells={(r) => (
          <>
            <Td className="whitespace-nowrap tabular-nums">{time.dateTime(r.createdAt)}</Td>
            <Td className="whitespace-nowrap tabular-nums">
              {r.receiptNo ? (
                <Link href={`/${slug}/receipts/${r.paymentId}`} className="text-brand-700 hover:underline">
                  {r.receiptNo}
                </Link>
              ) : (
                '—'
              )}
            </Td>
            <Td className="min-w-40">
              <span className="block">{r.payer.label}</span>
              {r.payer.name && <span className="block text-xs text-gray-500">{r.payer.name}</span>}
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{money(r.paymentAmountFen)}</Td>
            <Td className="text-right whitespace-nowrap text-red-700 tabular-nums">{money(-r.amountFen)}</Td>
            <Td className="whitespace-nowrap">{who(r)}</Td>
            <Td className="max-w-60 truncate" title={r.reason}>
              {r.reason || '—'}
            </Td>
            <Td className="whitespace-nowrap">
              <OnlineRefundStatusBadge status={r.status} />
              {r.refundedOn && <span className="ml-1 text-xs text-gray-500 tabular-nums">{r.refundedOn}</span>}
            </Td>
            <Td className="whitespace-nowrap">
              {r.status === 'PENDING_APPROVAL' && (
                <span className="flex justify-end gap-1">
                  <Button size="sm" onClick={() => setDeciding({ row: r, approve: true })}>
                    {t('approve')}
                  </Button>
                  <Button size="sm" variant="danger" onClick={() => setDeciding({ row: r, approve: false })}>
                    {t('reject')}
                  </Button>
                </span>
              )}
            </Td>
          </>
        )}
      />
      <ReasonDialog
        open={!!deciding}
        onClose={() => setDeciding(null)}
        title={deciding?.approve ? t('approveTitle') : t('rejectTitle')}
        description={
          deciding &&
          t('body', {
            amount: money(deciding.row.amountFen),
            receiptNo: deciding.row.receiptNo ?? '—',
            payer: deciding.row.payer.label,
            reason: deciding.row.reason || '—',
          })
        }
        confirmLabel={deciding?.approve ? t('approve') : t('reject')}
        danger={!deciding?.approve}
        reasonRequired={!deciding?.approve}
        reasonLabel={deciding?.approve ? t('decisionNote') : t('reasonCol')}
        onConfirm={async (text) => {
          const id = deciding!.row.id;
          if (deciding!.approve) await approve.mutateAsync({ tenant: slug, id, ...(text ? { note: text } : {}) });
          else await reject.mutateAsync({ tenant: slug, id, reason: text });
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: trpc.onlinePayments.pathKey() }),
            queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() }),
          ]);
        }}
      />
    </section>
  );
}
