'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Td, Th } from '@/components/ui/table';
import { ReasonDialog } from '@/components/money/reason-dialog';
import { ListShell } from '@/components/list/list-shell';
import { useListQuery } from '@/components/list/use-list-query';
import { ApprovalStatusFilter, approvalStatusInput, approvalStatusParser } from '@/components/list/list-filters';

const FILTERS = { status: approvalStatusParser };
type Row = RouterOutputs['billing']['listAdjustments']['rows'][number];

/** 减免审批: discounts and waivers cashiers requested, for an admin to approve or reject. */
export function AdjustmentsPanel() {
  const t = useTranslations('billing.adjustments');
  const tStatus = useTranslations('enums.approvalStatus');
  const tAdj = useTranslations('enums.adjustmentKind');
  const { slug } = useTenant();
  const money = useMoney();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useListQuery(FILTERS);
  const { status } = list.values;
  const [deciding, setDeciding] = useState<{ row: Row; approve: boolean } | null>(null);
  const query = useQuery({
    ...trpc.billing.listAdjustments.queryOptions({ tenant: slug, status: approvalStatusInput(status), page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const none = status === 'PENDING' ? t('nonePending') : t('none');
  const decide = useMutation(trpc.billing.decideAdjustment.mutationOptions());
  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        filterGrid="max-w-xs grid-cols-1 md:grid-cols-1"
        filters={<ApprovalStatusFilter label={t('status')} all={t('all')} value={status} onChange={(v) => list.setFilter('status', v)} />}
        head={
          <>
            <Th>{t('requestedAt')}</Th>
            <Th>{t('unit')}</Th>
            <Th>{t('bill')}</Th>
            <Th>{t('kind')}</Th>
            <Th className="text-right">{t('amount')}</Th>
            <Th className="text-right">{t('outstanding')}</Th>
            <Th>{t('reason')}</Th>
            <Th>{t('statusCol')}</Th>
            <Th>
              <span className="sr-only">{t('actions')}</span>
            </Th>
          </>
        }
        rowKey={(a) => a.id}
        rowTestId="adjustment-row"
        rowState={(a) => (a.status === 'REJECTED' ? 'dimmed' : undefined)}
        empty={none}
        noMatches={none}
        cells={(a) => (
          <>
            <Td className="whitespace-nowrap tabular-nums">
              {time.dateTime(a.requestedAt)}
              {a.requestedBy && (
                <span className="block text-xs text-gray-600" data-testid="adjustment-requester">
                  {t('requestedBy', { name: a.requestedBy })}
                </span>
              )}
            </Td>
            <Td className="min-w-40" data-testid="adjustment-unit">
              {a.bill.objectKind === 'UNIT' ? (
                <Link href={`/${slug}/units/${a.bill.objectId}`} className="text-brand-700 hover:underline">
                  {a.bill.objectLabel}
                </Link>
              ) : (
                <span>{a.bill.objectLabel}</span>
              )}
              {(a.payer.name || a.payer.label !== a.bill.objectLabel) && (
                <span className="block text-xs text-gray-600">{t('payer', { name: a.payer.name || a.payer.label })}</span>
              )}
            </Td>
            <Td className="whitespace-nowrap">
              <Link href={`/${slug}/bills/${a.bill.id}`} className="text-brand-700 hover:underline">
                {a.bill.feeItemName ?? (a.bill.description || t('billLink'))} · {a.bill.period}
              </Link>
              <span className="block text-xs text-gray-500">{t('billAmount', { amount: money(a.bill.amountFen) })}</span>
            </Td>
            <Td>{tAdj(a.kind)}</Td>
            <Td className="text-right tabular-nums">{money(a.amountFen)}</Td>
            <Td className="text-right tabular-nums">{money(a.bill.outstandingFen)}</Td>
            <Td className="max-w-64 text-sm">{a.reason}</Td>
            <Td>
              <Badge tone={a.status === 'APPROVED' ? 'green' : a.status === 'REJECTED' ? 'gray' : 'amber'}>{tStatus(a.status)}</Badge>
              {a.decidedBy && <span className="block text-xs text-gray-500">{a.decidedBy}</span>}
            </Td>
            <Td className="whitespace-nowrap">
              {a.status === 'PENDING' && (
                <span className="flex justify-end gap-1">
                  <Button size="sm" onClick={() => setDeciding({ row: a, approve: true })}>
                    {t('approve')}
                  </Button>
                  <Button size="sm" variant="danger" onClick={() => setDeciding({ row: a, approve: false })}>
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
          t('decideBodyFull', {
            kind: tAdj(deciding.row.kind),
            amount: money(deciding.row.amountFen),
            reason: deciding.row.reason,
            unit: deciding.row.bill.objectLabel,
            bill: `${deciding.row.bill.feeItemName ?? deciding.row.bill.description} ${deciding.row.bill.period}`,
            outstanding: money(deciding.row.bill.outstandingFen),
            requester: deciding.row.requestedBy ?? '',
          })
        }
        confirmLabel={deciding?.approve ? t('approve') : t('reject')}
        danger={!deciding?.approve}
        reasonRequired={false}
        reasonLabel={t('note')}
        onConfirm={async (note) => {
          await decide.mutateAsync({ tenant: slug, id: deciding!.row.id, approve: deciding!.approve, note });
          await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
          await queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() });
          await queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
        }}
      />
    </div>
  );
}
