'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { Card, DetailList, PageHeader } from '@/components/ui/card';
import { Button, ButtonLink } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextField } from '@/components/ui/field';
import { Checkbox } from '@/components/ui/input';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { FormActions } from '@/components/forms/form-actions';
import { BillStatusBadge } from '@/components/money/bill-status-badge';
import { ConfirmDialog } from '@/components/money/confirm-dialog';
import { ReasonDialog } from '@/components/money/reason-dialog';
import { fenToYuanText } from '@/server/shared/money-input';
import { ZAdjustmentKind, ZCreateCorrectionForm, ZRequestAdjustmentForm } from '@/server/shared/schemas/billing';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

type Bill = RouterOutputs['billing']['getBill'];
type Adjustment = Bill['adjustments'][number];
type Kind = 'REGULAR' | 'CORRECTION' | 'LATE_FEE' | 'ONE_OFF';

/**
 * One bill: amounts, payments against it, discounts and waivers, and what may be done to it —
 * void (with a reason), correct a void bill, request a discount or waiver (cashier), decide one
 * (admin), charge its accrued late fee, or take the payment at the desk.
 */
export function BillDetail({ initial }: { initial: Bill }) {
  const t = useTranslations('billing.bill');
  const tKind = useTranslations('enums.billKind');
  const tMethod = useTranslations('enums.paymentMethod');
  const tPayKind = useTranslations('enums.paymentKind');
  const { slug, role } = useTenant();
  const manager = can(role, 'fees.manage');
  const cashier = can(role, 'payments.record');
  const money = useMoney();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: b } = useQuery({ ...trpc.billing.getBill.queryOptions({ tenant: slug, id: initial.id }), initialData: initial });
  const [voiding, setVoiding] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [adjusting, setAdjusting] = useState(false);
  const [charging, setCharging] = useState(false);
  const [deciding, setDeciding] = useState<{ a: Adjustment; approve: boolean } | null>(null);
  const voidBill = useMutation(trpc.billing.voidBill.mutationOptions());
  const decide = useMutation(trpc.billing.decideAdjustment.mutationOptions());
  const charge = useMutation(trpc.billing.chargeLateFees.mutationOptions());
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() });
  };
  const isVoid = b.status === 'VOID';
  const receiptNo = (y: number | null, n: number | null) => (y != null && n != null ? `${y}-${String(n).padStart(6, '0')}` : null);
  const historyLabel = (action: string) => {
    const key = action.replace(/ (\w)/g, (_, c: string) => c.toUpperCase());
    return (HISTORY_KEYS as readonly string[]).includes(key) ? t(`history.${key as (typeof HISTORY_KEYS)[number]}`) : action;
  };

  return (
    <div className="space-y-5">
      <PageHeader
        back={
          <Link href={`/${slug}/bills`} className="text-brand-700 hover:underline">
            ← {t('back')}
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {b.feeItemName ?? b.description} · {b.period}
            <BillStatusBadge status={b.status} overdue={b.daysOverdue > 0} />
            {b.kind !== 'REGULAR' && <Badge tone="blue">{tKind(b.kind as Kind)}</Badge>}
          </span>
        }
        description={`${b.communityName} · ${b.label}`}
        actions={
          <>
            {cashier && !isVoid && b.outstandingFen > 0 && (
              <ButtonLink href={`/${slug}/cashier?${b.payerKind === 'UNIT' ? 'unit' : 'parking'}=${b.payerId}`}>{t('collect')}</ButtonLink>
            )}
            {cashier && !isVoid && b.outstandingFen > 0 && (
              <Button variant="secondary" onClick={() => setAdjusting(true)}>
                {t('requestAdjustment')}
              </Button>
            )}
            {manager && b.lateFeeAccruedFen > 0 && (
              <Button variant="secondary" onClick={() => setCharging(true)}>
                {t('chargeLateFee')}
              </Button>
            )}
            {manager && isVoid && !b.voidedByUndo && !b.correctedBy && (
              <Button variant="secondary" onClick={() => setCorrecting(true)}>
                {t('correct')}
              </Button>
            )}
            {manager && !isVoid && (
              <Button variant="danger" onClick={() => setVoiding(true)} disabled={b.paidFen > 0} title={b.paidFen > 0 ? t('voidPaid') : undefined}>
                {t('void')}
              </Button>
            )}
          </>
        }
      />
      {isVoid && (
        <Alert tone="warning" title={b.voidedByUndo ? (b.kind === 'LATE_FEE' ? t('voidedByReversal') : t('voidedByUndo')) : t('voided')}>
          {b.voidReason}
          {b.correctedBy && (
            <>
              {' '}
              <Link href={`/${slug}/bills/${b.correctedBy}`} className="font-medium underline">
                {t('seeCorrection')}
              </Link>
            </>
          )}
        </Alert>
      )}
      <Card title={t('amounts')}>
        <DetailList
          items={[
            { label: t('amount'), value: money(b.amountFen) },
            { label: t('paid'), value: money(b.paidFen) },
            { label: t('adjusted'), value: money(b.adjustedFen) },
            { label: t('outstanding'), value: <span className="text-lg">{money(b.outstandingFen)}</span> },
            { label: t('dueDate'), value: b.daysOverdue > 0 ? `${b.dueDate} · ${t('overdueDays', { days: b.daysOverdue })}` : b.dueDate },
            { label: t('lateFee'), value: t('lateFeeValue', { accrued: money(b.lateFeeAccruedFen), charged: money(b.lateFeeChargedFen) }) },
            {
              label: t('object'),
              value:
                b.objectKind === 'UNIT' && b.unitId ? (
                  <Link href={`/${slug}/units/${b.unitId}`} className="text-brand-700 hover:underline">
                    {b.label}
                  </Link>
                ) : (
                  b.label
                ),
            },
            { label: t('kind'), value: tKind(b.kind as Kind) },
            ...(b.run
              ? [
                  {
                    label: t('run'),
                    value: (
                      <Link href={`/${slug}/bills?runId=${b.run.id}`} className="text-brand-700 hover:underline">
                        {time.dateTime(b.run.createdAt)}
                      </Link>
                    ),
                  },
                ]
              : []),
            ...(b.replacesId
              ? [
                  {
                    label: t('replaces'),
                    value: (
                      <Link href={`/${slug}/bills/${b.replacesId}`} className="text-brand-700 hover:underline">
                        {t('replacedBill')}
                      </Link>
                    ),
                  },
                ]
              : []),
            ...(b.forBillId
              ? [
                  {
                    label: t('forBill'),
                    value: (
                      <Link href={`/${slug}/bills/${b.forBillId}`} className="text-brand-700 hover:underline">
                        {t('originalBill')}
                      </Link>
                    ),
                  },
                ]
              : []),
            ...(b.description && b.feeItemName ? [{ label: t('description'), value: b.description, wide: true }] : []),
          ]}
        />
      </Card>
      <Card title={t('payments')}>
        <Table caption={t('payments')}>
          <THead>
            <Th>{t('paymentAt')}</Th>
            <Th>{t('receipt')}</Th>
            <Th>{t('method')}</Th>
            <Th>{t('receivedOn')}</Th>
            <Th className="text-right">{t('amount')}</Th>
          </THead>
          <TBody>
            {b.allocations.length === 0 && <TableMessage colSpan={5}>{t('noPayments')}</TableMessage>}
            {b.allocations.map((a) => {
              const no = receiptNo(a.payment.receiptYear, a.payment.receiptNo);
              return (
                <Tr key={a.id}>
                  <Td className="whitespace-nowrap tabular-nums">{time.dateTime(a.createdAt)}</Td>
                  <Td className="whitespace-nowrap">
                    {no ? (
                      <Link href={`/${slug}/receipts/${a.payment.id}`} className="text-brand-700 hover:underline">
                        {no}
                      </Link>
                    ) : (
                      <Badge tone="red">{tPayKind(a.payment.kind)}</Badge>
                    )}
                  </Td>
                  <Td>{tMethod(a.payment.method)}</Td>
                  <Td className="tabular-nums">{a.payment.receivedOn}</Td>
                  <Td className={`text-right tabular-nums ${a.amountFen < 0 ? 'text-red-700' : ''}`}>{money(a.amountFen)}</Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      </Card>
      <Card title={t('adjustments')}>
        <Table caption={t('adjustments')}>
          <THead>
            <Th>{t('requestedAt')}</Th>
            <Th>{t('adjKind')}</Th>
            <Th className="text-right">{t('amount')}</Th>
            <Th>{t('reason')}</Th>
            <Th>{t('status')}</Th>
            <Th>
              <span className="sr-only">{t('actions')}</span>
            </Th>
          </THead>
          <TBody>
            {b.adjustments.length === 0 && <TableMessage colSpan={6}>{t('noAdjustments')}</TableMessage>}
            {b.adjustments.map((a) => (
              <AdjustmentRow key={a.id} a={a} canDecide={manager && !isVoid} onDecide={(approve) => setDeciding({ a, approve })} />
            ))}
          </TBody>
        </Table>
      </Card>
      {b.lateFeeBills.length > 0 && (
        <Card title={t('lateFeeBills')}>
          <ul className="space-y-1 text-sm">
            {b.lateFeeBills.map((l) => (
              <li key={l.id} className="flex justify-between gap-2">
                <Link href={`/${slug}/bills/${l.id}`} className="text-brand-700 hover:underline">
                  {t('lateFeeBill', { period: l.period })}
                </Link>
                <span className={`tabular-nums ${l.voided ? 'text-gray-400 line-through' : ''}`}>{money(l.amountFen)}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title={t('historyTitle')}>
        <ol className="space-y-2 text-sm" data-testid="bill-history">
          {b.history.map((h, i) => (
            <li key={i} className="flex flex-wrap gap-x-3 border-l-2 border-gray-200 pl-3">
              <span className="tabular-nums text-gray-500">{time.dateTime(h.at)}</span>
              <span className="font-medium">{historyLabel(h.action)}</span>
              {h.amountFen != null && <span className="tabular-nums">{money(h.amountFen)}</span>}
              {h.by && <span className="text-gray-600">{h.by}</span>}
              {h.detail && !/^[0-9a-f-]{30,}$/.test(h.detail) && !h.detail.startsWith('run ') && (
                <span className="text-gray-500">{METHODS.includes(h.detail) ? tMethod(h.detail as Method) : h.detail}</span>
              )}
            </li>
          ))}
        </ol>
      </Card>

      <ReasonDialog
        open={voiding}
        onClose={() => setVoiding(false)}
        title={t('voidTitle')}
        description={t('voidBody', { amount: money(b.amountFen) })}
        confirmLabel={t('void')}
        onConfirm={async (reason) => {
          await voidBill.mutateAsync({ tenant: slug, id: b.id, reason });
          await refresh();
        }}
      />
      <ReasonDialog
        open={!!deciding}
        onClose={() => setDeciding(null)}
        title={deciding?.approve ? t('approveTitle') : t('rejectTitle')}
        description={deciding && t('decideBody', { amount: money(deciding.a.amountFen), reason: deciding.a.reason })}
        confirmLabel={deciding?.approve ? t('approve') : t('reject')}
        danger={!deciding?.approve}
        reasonRequired={false}
        reasonLabel={t('decisionNote')}
        onConfirm={async (note) => {
          await decide.mutateAsync({ tenant: slug, id: deciding!.a.id, approve: deciding!.approve, note });
          await refresh();
        }}
      />
      <ConfirmDialog
        open={charging}
        onClose={() => setCharging(false)}
        title={t('chargeLateFee')}
        confirmLabel={t('chargeLateFee')}
        onConfirm={async () => {
          await charge.mutateAsync({ tenant: slug, billIds: [b.id] });
          await refresh();
        }}
      >
        {t('chargeBody', { amount: money(b.lateFeeAccruedFen) })}
      </ConfirmDialog>
      <Dialog open={adjusting} onClose={() => setAdjusting(false)} title={t('requestAdjustment')}>
        {adjusting && <AdjustmentForm bill={b} onDone={() => setAdjusting(false)} />}
      </Dialog>
      <Dialog open={correcting} onClose={() => setCorrecting(false)} title={t('correct')}>
        {correcting && <CorrectionForm bill={b} onDone={() => setCorrecting(false)} />}
      </Dialog>
    </div>
  );
}

type Method = 'CASH' | 'BANK_TRANSFER' | 'WECHAT' | 'ALIPAY' | 'POS' | 'ONLINE' | 'CREDIT';
const METHODS: readonly string[] = ['CASH', 'BANK_TRANSFER', 'WECHAT', 'ALIPAY', 'POS', 'ONLINE', 'CREDIT'];
const HISTORY_KEYS = [
  'billed',
  'created',
  'paid',
  'paymentReversed',
  'discountRequested',
  'waiverRequested',
  'discountApproved',
  'waiverApproved',
  'discountRejected',
  'waiverRejected',
  'lateFeeCharged',
  'corrected',
  'voided',
  'voidedByUndoingItsRun',
] as const;

function AdjustmentRow({ a, canDecide, onDecide }: { a: Adjustment; canDecide: boolean; onDecide: (approve: boolean) => void }) {
  const t = useTranslations('billing.bill');
  const tAdj = useTranslations('enums.adjustmentKind');
  const tStatus = useTranslations('enums.approvalStatus');
  const money = useMoney();
  const time = useCompanyTime();
  return (
    <Tr data-testid="adjustment-row">
      <Td className="whitespace-nowrap tabular-nums">
        {time.dateTime(a.requestedAt)}
        {a.requestedBy && <span className="block text-xs text-gray-500">{a.requestedBy}</span>}
      </Td>
      <Td>{tAdj(a.kind)}</Td>
      <Td className="text-right tabular-nums">{money(a.amountFen)}</Td>
      <Td className="text-sm">{a.reason}</Td>
      <Td>
        <Badge tone={a.status === 'APPROVED' ? 'green' : a.status === 'REJECTED' ? 'gray' : 'amber'}>{tStatus(a.status)}</Badge>
        {a.decidedBy && (
          <span className="block text-xs text-gray-500">
            {a.decidedBy}
            {a.decisionNote ? `: ${a.decisionNote}` : ''}
          </span>
        )}
      </Td>
      <Td className="whitespace-nowrap">
        {canDecide && a.status === 'PENDING' && (
          <span className="flex justify-end gap-1">
            <Button size="sm" onClick={() => onDecide(true)}>
              {t('approve')}
            </Button>
            <Button size="sm" variant="danger" onClick={() => onDecide(false)}>
              {t('reject')}
            </Button>
          </span>
        )}
      </Td>
    </Tr>
  );
}

function AdjustmentForm({ bill, onDone }: { bill: Bill; onDone: () => void }) {
  const t = useTranslations('billing.bill');
  const tAdj = useTranslations('enums.adjustmentKind');
  const { slug } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const request = useMutation(trpc.billing.requestAdjustment.mutationOptions());
  const f = useServerForm(ZRequestAdjustmentForm, {
    defaultValues: { kind: 'DISCOUNT', amountFen: '', reason: '' },
    onSubmit: async (values) => {
      await request.mutateAsync({ tenant: slug, billId: bill.id, ...values });
      await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
      onDone();
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <p className="text-sm text-gray-600">{t('adjustmentIntro', { outstanding: money(bill.outstandingFen) })}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t('adjKind')} {...f.field('kind')}>
          {ZAdjustmentKind.options.map((k) => (
            <option key={k} value={k}>
              {tAdj(k)}
            </option>
          ))}
        </SelectField>
        <div>
          <TextField label={t('adjAmount')} required inputMode="decimal" {...f.field('amountFen')} />
          <button
            type="button"
            className="mt-1 text-xs text-brand-700 hover:underline"
            onClick={() =>
              f.form.setValue('amountFen', fenToYuanText(bill.outstandingFen), { shouldDirty: true, shouldValidate: f.form.formState.isSubmitted })
            }
          >
            {t('wholeOutstanding')}
          </button>
        </div>
        <TextField label={t('reason')} required maxLength={500} fieldClassName="sm:col-span-2" {...f.field('reason')} />
      </div>
      <p className="text-xs text-gray-500">{t('needsApproval')}</p>
      <FormActions submitLabel={t('submitAdjustment')} pending={f.pending} onCancel={onDone} />
    </ServerForm>
  );
}

function CorrectionForm({ bill, onDone }: { bill: Bill; onDone: () => void }) {
  const t = useTranslations('billing.bill');
  const { slug } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canRecompute = !!bill.feeItemId && (bill.kind === 'REGULAR' || bill.kind === 'CORRECTION');
  const [done, setDone] = useState<{ id: string; amountFen: number; period: string } | null>(null);
  const create = useMutation(trpc.billing.createCorrection.mutationOptions());
  const f = useServerForm(ZCreateCorrectionForm, {
    defaultValues: { recompute: canRecompute, amountFen: fenToYuanText(bill.amountFen), reason: '' },
    onSubmit: async (v) => {
      const r = await create.mutateAsync({
        tenant: slug,
        voidBillId: bill.id,
        reason: v.reason,
        ...(v.recompute ? { recompute: true } : { amountFen: v.amountFen }),
      });
      await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
      setDone(r);
    },
  });
  const recompute = f.form.watch('recompute');
  if (done)
    return (
      <div className="space-y-4">
        <Alert tone="success">{t('corrected', { amount: money(done.amountFen), period: done.period })}</Alert>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onDone}>
            {t('close')}
          </Button>
          <ButtonLink href={`/${slug}/bills/${done.id}`}>{t('seeCorrection')}</ButtonLink>
        </div>
      </div>
    );
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <p className="text-sm text-gray-600">{t('correctIntro')}</p>
      {canRecompute && <Checkbox label={t('recompute')} {...f.form.register('recompute')} />}
      {!recompute && <TextField label={t('correctAmount')} required inputMode="decimal" {...f.field('amountFen')} />}
      <TextField label={t('reason')} required maxLength={500} {...f.field('reason')} />
      <FormActions submitLabel={t('submitCorrection')} pending={f.pending} onCancel={onDone} />
    </ServerForm>
  );
}
