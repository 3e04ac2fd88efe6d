'use client';
import { useState, type ReactNode } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { localDate } from '@/server/shared/calendar';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { Card, Page } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { ConfirmDialog } from '@/components/money/confirm-dialog';
import { ReasonDialog } from '@/components/money/reason-dialog';
import { can } from '@/server/shared/permissions';
import { useServerError } from '@/components/forms/use-server-error';

type Totals = RouterOutputs['payments']['getDayTotals'];

const nextDay = (ymd: string) => new Date(Date.parse(`${ymd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
type Line = Totals['byMethod'][number];

/** 日结: a business day's totals by method and by cashier; close it; print it. */
export function DayClosePanel({ initialDay }: { initialDay?: string }) {
  const t = useTranslations('cashier.dayClose');
  const { slug, timeZone, role } = useTenant();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useServerError().text;
  const time = useCompanyTime();
  const today = localDate(timeZone);
  const [day, setDay] = useState(initialDay ?? today);
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState(false);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const totals = useQuery({ ...trpc.payments.getDayTotals.queryOptions({ tenant: slug, day }), enabled: valid });
  const report = useQuery({ ...trpc.payments.getDayClose.queryOptions({ tenant: slug, day }), enabled: valid && totals.data?.closed === true });
  const close = useMutation(trpc.payments.closeDay.mutationOptions());
  const reopen = useMutation(trpc.payments.reopenDay.mutationOptions());
  const money = useMoney();

  const pickDay = (d: string) => {
    setDay(d);
    if (/^\d{4}-\d{2}-\d{2}$/.test(d)) router.replace(`/${slug}/day-close?day=${d}`, { scroll: false });
  };

  return (
    <Page
      title={t('title')}
      description={t('description')}
      actions={
        <div className="no-print flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => window.print()} disabled={!totals.data}>
            {t('print')}
          </Button>
          {totals.data && !totals.data.closed && day <= today && <Button onClick={() => setClosing(true)}>{t('close')}</Button>}
          {totals.data?.closed && can(role, 'days.reopen') && (
            <Button variant="secondary" onClick={() => setReopening(true)} data-testid="reopen-day">
              {t('reopen')}
            </Button>
          )}
        </div>
      }
    >
      <div className="no-print max-w-xs">
        <TextField label={t('day')} type="date" max={today} value={day} onChange={(e) => pickDay(e.target.value)} />
      </div>
      {totals.error && <Alert tone="error">{errorText(totals.error)}</Alert>}
      {totals.isPending && valid && <Loading label={t('loading')} />}
      {totals.data && (
        <div data-testid="day-totals" className="space-y-5">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-base font-semibold">{t('heading', { day })}</span>
            {totals.data.closed ? (
              <Badge tone="green">
                {t('closedBy', { name: totals.data.closedBy?.name ?? '', at: totals.data.closedAt ? time.dateTime(totals.data.closedAt) : '' })}
              </Badge>
            ) : (
              <Badge tone="amber">{t('open')}</Badge>
            )}
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <Figure label={t('moneyNet')} value={money(totals.data.moneyNetFen)} testId="day-money-net" />
            <Figure label={t('net')} value={money(totals.data.netFen)} />
            <Figure label={t('count')} value={String(totals.data.count)} />
          </div>
          <Card title={t('byMethod')}>
            <LinesTable lines={totals.data.byMethod} first={(l) => <MethodName method={l.method} />} firstLabel={t('method')} total={totals.data} />
          </Card>
          <Card title={t('byCashier')}>
            <LinesTable lines={totals.data.byCashier} first={(l) => l.name} firstLabel={t('cashier')} total={totals.data} />
          </Card>
          {report.data && (
            <Card title={t('records')}>
              <Table caption={t('records')}>
                <THead>
                  <Th>{t('enteredAt')}</Th>
                  <Th>{t('receiptNo')}</Th>
                  <Th>{t('payer')}</Th>
                  <Th>{t('method')}</Th>
                  <Th className="text-right">{t('amount')}</Th>
                  <Th>{t('cashier')}</Th>
                </THead>
                <TBody>
                  {report.data.records.length === 0 && <TableMessage colSpan={6}>{t('noRecords')}</TableMessage>}
                  {report.data.records.map((r) => (
                    <Tr key={r.id}>
                      <Td className="whitespace-nowrap tabular-nums">{time.dateTime(r.enteredAt)}</Td>
                      <Td className="whitespace-nowrap tabular-nums">{r.receiptNo ?? '—'}</Td>
                      <Td>
                        {r.payer.label}
                        {r.moved && (
                          <span className="block text-xs text-amber-800" data-testid="moved-in">
                            {t('movedIn', { received: r.receivedOn })}
                          </span>
                        )}
                      </Td>
                      <Td className="whitespace-nowrap">
                        <MethodName method={r.method} />
                        {r.kind !== 'PAYMENT' && <span className="ml-1 text-xs text-red-700">({t(`kind.${r.kind as 'REFUND' | 'REVERSAL'}`)})</span>}
                      </Td>
                      <Td className={`text-right tabular-nums ${r.amountFen < 0 ? 'text-red-700' : ''}`}>{money(r.amountFen)}</Td>
                      <Td className="whitespace-nowrap">{r.cashier}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </Card>
          )}
          {totals.data.countedLater.length > 0 && (
            <Card title={t('countedLater')} data-testid="counted-later">
              <p className="mb-3 text-sm text-gray-600">{t('countedLaterHint')}</p>
              <Table caption={t('countedLater')}>
                <THead>
                  <Th>{t('enteredAt')}</Th>
                  <Th>{t('receiptNo')}</Th>
                  <Th>{t('payer')}</Th>
                  <Th className="text-right">{t('amount')}</Th>
                  <Th>{t('countedOn')}</Th>
                  <Th>{t('cashier')}</Th>
                </THead>
                <TBody>
                  {totals.data.countedLater.map((r) => (
                    <Tr key={r.id}>
                      <Td className="whitespace-nowrap tabular-nums">{time.dateTime(r.enteredAt)}</Td>
                      <Td className="whitespace-nowrap tabular-nums">
                        {r.receiptNo ? (
                          <Link href={`/${slug}/receipts/${r.id}`} className="text-brand-700 hover:underline">
                            {r.receiptNo}
                          </Link>
                        ) : (
                          '—'
                        )}
                      </Td>
                      <Td>{r.payer.label}</Td>
                      <Td className={`text-right tabular-nums ${r.amountFen < 0 ? 'text-red-700' : ''}`}>{money(r.amountFen)}</Td>
                      <Td className="whitespace-nowrap tabular-nums">
                        <Link href={`/${slug}/day-close?day=${r.countedOn}`} onClick={() => setDay(r.countedOn)} className="text-brand-700 hover:underline">
                          {r.countedOn}
                        </Link>
                      </Td>
                      <Td className="whitespace-nowrap">{r.cashier}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </Card>
          )}
          {totals.data.reopens.length > 0 && (
            <Card title={t('reopens')} data-testid="day-reopens">
              <ul className="space-y-2 text-sm">
                {totals.data.reopens.map((r) => (
                  <li key={r.id}>
                    {t('reopenedLine', { by: r.reopenedBy, at: time.dateTime(r.reopenedAt), closedBy: r.closedBy, closedAt: time.dateTime(r.closedAt) })}
                    <span className="block text-gray-700">{t('reopenedReason', { reason: r.reason })}</span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {!totals.data.closed && <p className="no-print text-sm text-gray-500">{t('closeHint')}</p>}
        </div>
      )}
      <ConfirmDialog
        open={closing}
        onClose={() => setClosing(false)}
        title={t('closeTitle', { day })}
        confirmLabel={t('close')}
        onConfirm={async () => {
          await close.mutateAsync({ tenant: slug, day });
          await queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() });
        }}
      >
        {day === today && (
          <Alert tone="warning" className="mb-3" data-testid="close-early-warning">
            {t('closeEarly', { next: nextDay(today) })}
          </Alert>
        )}
        {totals.data && <p>{t('closeBody', { count: totals.data.count, net: money(totals.data.moneyNetFen) })}</p>}
      </ConfirmDialog>
      <ReasonDialog
        open={reopening}
        onClose={() => setReopening(false)}
        title={t('reopenTitle', { day })}
        description={t('reopenBody')}
        confirmLabel={t('reopen')}
        reasonLabel={t('reopenReason')}
        onConfirm={async (reason) => {
          await reopen.mutateAsync({ tenant: slug, day, reason });
          await queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() });
        }}
      />
    </Page>
  );
}

function MethodName({ method }: { method: string }) {
  const tMethod = useTranslations('enums.paymentMethod');
  return <>{tMethod(method as Parameters<typeof tMethod>[0])}</>;
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm print:shadow-none">
      <p className="text-sm text-gray-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

function LinesTable<L extends Line | Totals['byCashier'][number]>({
  lines,
  first,
  firstLabel,
  total,
}: {
  lines: L[];
  first: (l: L) => ReactNode;
  firstLabel: string;
  total: Totals;
}) {
  const t = useTranslations('cashier.dayClose');
  const money = useMoney();
  return (
    <Table caption={firstLabel}>
      <THead>
        <Th>{firstLabel}</Th>
        <Th className="text-right">{t('count')}</Th>
        <Th className="text-right">{t('payments')}</Th>
        <Th className="text-right">{t('reversals')}</Th>
        <Th className="text-right">{t('refunds')}</Th>
        <Th className="text-right">{t('net')}</Th>
      </THead>
      <TBody>
        {lines.length === 0 && <TableMessage colSpan={6}>{t('noRecords')}</TableMessage>}
        {lines.map((l, i) => (
          <Tr key={i}>
            <Td>{first(l)}</Td>
            <Td className="text-right tabular-nums">{l.count}</Td>
            <Td className="text-right tabular-nums">{money(l.paymentsFen)}</Td>
            <Td className="text-right tabular-nums">{l.reversalsFen ? money(-l.reversalsFen) : money(0)}</Td>
            <Td className="text-right tabular-nums">{l.refundsFen ? money(-l.refundsFen) : money(0)}</Td>
            <Td className="text-right font-medium tabular-nums">{money(l.netFen)}</Td>
          </Tr>
        ))}
        {lines.length > 0 && (
          <Tr className="bg-gray-50 font-semibold">
            <Td>{t('total')}</Td>
            <Td className="text-right tabular-nums">{total.count}</Td>
            <Td className="text-right tabular-nums">{money(total.paymentsFen)}</Td>
            <Td className="text-right tabular-nums">{money(-total.reversalsFen)}</Td>
            <Td className="text-right tabular-nums">{money(-total.refundsFen)}</Td>
            <Td className="text-right tabular-nums">{money(total.netFen)}</Td>
          </Tr>
        )}
      </TBody>
    </Table>
  );
}
