'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Td, Th } from '@/components/ui/table';
import { ListShell } from '@/components/list/list-shell';
import { parseAsString, useListQuery, validDay } from '@/components/list/use-list-query';
import { localDate } from '@/server/shared/calendar';
import { fenToYuanText } from '@/server/shared/money-input';
import type { Reconciliation as Report, ReconciliationDay } from '@/server/online-payments/reconciliation';

const FILTERS = { from: parseAsString.withDefault(''), to: parseAsString.withDefault('') };
const TOTAL = 'total';

type Row = ReconciliationDay;

/** 对账: online payments per local day against Stripe, with the differences flagged; dates in the URL. */
export function ReconciliationPanel() {
  const t = useTranslations('onlinePayments.reconciliation');
  const { slug, timeZone } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const list = useListQuery(FILTERS, { prefix: 'rec' });
  const today = localDate(timeZone);
  const from = validDay(list.values.from) ?? `${today.slice(0, 8)}01`;
  const to = validDay(list.values.to) ?? today;
  const query = useQuery({ ...trpc.onlinePayments.getReconciliation.queryOptions({ tenant: slug, from, to }), placeholderData: keepPreviousData });
  const data = query.data;
  const rows: Row[] | undefined = data && (data.days.length ? [...data.days, { day: TOTAL, payouts: [], ...data.totals }] : []);

  return (
    <div className="space-y-6" data-testid="reconciliation">
      <p className="text-sm text-gray-600">{t('explain')}</p>
      <ListShell<Row>
        query={{ isPending: query.isPending, error: query.error, data: rows }}
        caption={t('caption')}
        testId="reconciliation-days"
        rowTestId="reconciliation-day"
        filterGrid="md:grid-cols-4"
        filters={
          <>
            <TextField label={t('from')} type="date" value={from} max={to} onChange={(e) => list.setFilter('from', e.target.value)} />
            <TextField label={t('to')} type="date" value={to} min={from} onChange={(e) => list.setFilter('to', e.target.value)} />
            <div className="col-span-2 flex items-end md:col-span-2">
              <Button variant="secondary" disabled={!data?.days.length} onClick={() => data && downloadCsv(data, t)} data-testid="reconciliation-csv">
                {t('csv')}
              </Button>
            </div>
          </>
        }
        notice={
          data &&
          !data.connected && (
            <Alert tone="info" className="mb-3">
              {t('notConnected')}
            </Alert>
          )
        }
        head={
          <>
            <Th>{t('columns.day')}</Th>
            <Th className="text-right">{t('columns.count')}</Th>
            <Th className="text-right">{t('columns.gross')}</Th>
            <Th className="text-right">{t('columns.stripeFee')}</Th>
            <Th className="text-right">{t('columns.applicationFee')}</Th>
            <Th className="text-right">{t('columns.net')}</Th>
            <Th className="text-right">{t('columns.refunds')}</Th>
            <Th>{t('columns.payouts')}</Th>
          </>
        }
        rowKey={(r) => r.day}
        cells={(r) => {
          const total = r.day === TOTAL;
          const num = total ? 'text-right tabular-nums font-semibold' : 'text-right tabular-nums';
          return (
            <>
              <Td className={total ? 'font-semibold' : 'whitespace-nowrap tabular-nums'}>{total ? t('total') : r.day}</Td>
              <Td className={num}>{r.count}</Td>
              <Td className={num}>{money(r.grossFen)}</Td>
              <Td className={num}>{money(r.stripeFeeFen)}</Td>
              <Td className={num}>{money(r.applicationFeeFen)}</Td>
              <Td className={num}>{money(r.netFen)}</Td>
              <Td className={num}>{money(r.refundsFen)}</Td>
              <Td className="text-xs text-gray-600">
                {total
                  ? null
                  : r.payouts.length
                    ? r.payouts.map((p) => (
                        <div key={p.id} className="font-mono">
                          {p.arrivalDate ? t('payout', { id: p.id, date: p.arrivalDate }) : t('payoutNoDate', { id: p.id })}
                        </div>
                      ))
                    : t('notPaidOut')}
              </Td>
            </>
          );
        }}
        empty={t('empty')}
      />
      {data && <Flags report={data} />}
    </div>
  );
}

type Flag = Report['flags'][number];

function Flags({ report }: { report: Report }) {
  const t = useTranslations('onlinePayments.reconciliation.flags');
  const money = useMoney();
  return (
    <section data-testid="reconciliation-flags">
      <h3 className="mb-2 text-base font-semibold text-gray-900">{t('title')}</h3>
      {report.flags.length === 0 ? (
        <Alert tone="success">{t('none')}</Alert>
      ) : (
        <>
          <ListShell<Flag>
            query={{ isPending: false, error: null, data: report.flags }}
            caption={t('caption')}
            testId="reconciliation-flag-list"
            rowTestId="reconciliation-flag"
            head={
              <>
                <Th>{t('columns.day')}</Th>
                <Th>{t('columns.kind')}</Th>
                <Th>{t('columns.charge')}</Th>
                <Th>{t('columns.payment')}</Th>
                <Th className="text-right">{t('columns.amount')}</Th>
              </>
            }
            rowKey={(f) => `${f.kind}-${f.chargeId ?? ''}-${'paymentId' in f ? f.paymentId : ''}-${'balanceTransactionId' in f ? f.balanceTransactionId : ''}`}
            cells={(f) => (
              <>
                <Td className="whitespace-nowrap tabular-nums">{f.day}</Td>
                <Td data-kind={f.kind}>{t(`kind.${f.kind}`)}</Td>
                <Td className="font-mono text-xs">{f.chargeId ?? '—'}</Td>
                <Td className="font-mono text-xs">{'paymentId' in f ? f.paymentId.slice(-8) : '—'}</Td>
                <Td className="text-right tabular-nums">
                  {f.kind === 'amountMismatch'
                    ? t('amounts', { linli: money(f.linliAmountFen), stripe: money(f.stripeAmountFen) })
                    : money(f.kind === 'unknownAtLinli' ? f.stripeAmountFen : f.linliAmountFen)}
                </Td>
              </>
            )}
            empty={t('none')}
          />
          <p className="mt-2 text-xs text-gray-500">{t('recent')}</p>
        </>
      )}
    </section>
  );
}

/** The days as CSV (amounts in yuan, the company's currency), made in the browser from the report shown. */
function downloadCsv(report: Report, t: ReturnType<typeof useTranslations<'onlinePayments.reconciliation'>>) {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const head = ['day', 'count', 'gross', 'stripeFee', 'applicationFee', 'net', 'refunds', 'payouts'].map((k) => t(`columns.${k}` as 'columns.day'));
  const line = (d: Row, label: string) =>
    [
      label,
      d.count,
      fenToYuanText(d.grossFen),
      fenToYuanText(d.stripeFeeFen),
      fenToYuanText(d.applicationFeeFen),
      fenToYuanText(d.netFen),
      fenToYuanText(d.refundsFen),
      d.payouts.map((p) => `${p.id}${p.arrivalDate ? ` ${p.arrivalDate}` : ''}`).join(' '),
    ]
      .map(cell)
      .join(',');
  const body = [head.map(cell).join(','), ...report.days.map((d) => line(d, d.day)), line({ day: TOTAL, payouts: [], ...report.totals }, t('total'))].join(
    '\r\n',
  );
  // A BOM so that spreadsheet programs read the Chinese headers as UTF-8.
  const url = URL.createObjectURL(new Blob([`\uFEFF${body}\r\n`], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = t('csvFile', { from: report.from, to: report.to });
  a.click();
  URL.revokeObjectURL(url);
}
