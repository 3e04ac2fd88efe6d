'use client';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { Badge } from '@/components/ui/badge';
import { ListShell } from '@/components/list/list-shell';
import { useListQuery } from '@/components/list/use-list-query';

/** Only the page lives in the URL. */
const NO_FILTERS = {};

/** A resident's payments with their receipts; a reversed one is marked 红冲. */
export function MyPayments() {
  const t = useTranslations('myBills.payments');
  const tMethod = useTranslations('enums.paymentMethod');
  const tKind = useTranslations('enums.paymentKind');
  const tStatus = useTranslations('enums.approvalStatus');
  const { slug } = useTenant();
  const money = useMoney();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const list = useListQuery(NO_FILTERS, { pageSize: 20 });
  const query = useQuery({
    ...trpc.myBills.listPayments.queryOptions({ tenant: slug, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const receiptNo = (y: number | null, n: number | null) => (y != null && n != null ? `${y}-${String(n).padStart(6, '0')}` : null);

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-lg font-semibold text-gray-900">{t('title')}</h1>
        <Link href={`/${slug}/my-bills`} className="text-sm text-brand-700 hover:underline">
          {t('bills')}
        </Link>
      </div>
      <ListShell
        list={list}
        query={query}
        compactPages
        caption={t('title')}
        testId="my-payments"
        listClassName="space-y-2"
        rowKey={(p) => p.id}
        rowTestId="my-payment"
        rowState={(p) => (p.reversed ? 'dimmed' : undefined)}
        empty={t('none')}
        item={(p) => {
          const no = receiptNo(p.receiptYear, p.receiptNo);
          const out = p.kind !== 'PAYMENT';
          return (
            <div className="rounded-xl border border-gray-200 bg-white p-3 shadow-sm">
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className={`text-lg font-semibold tabular-nums ${out ? 'text-red-700' : ''}`}>{money(out ? -p.amountFen : p.amountFen)}</p>
                  <p className="text-xs text-gray-500">
                    {tMethod(p.method)} · {t('received', { day: p.receivedOn })} · {time.dateTime(p.enteredAt)}
                  </p>
                </div>
                <span className="flex flex-wrap justify-end gap-1">
                  {p.kind !== 'PAYMENT' && <Badge tone="blue">{tKind(p.kind)}</Badge>}
                  {p.kind === 'REFUND' && <Badge tone={p.status === 'APPROVED' ? 'green' : 'amber'}>{tStatus(p.status)}</Badge>}
                  {p.reversed && <Badge tone="red">{t('reversed')}</Badge>}
                </span>
              </div>
              {p.allocations.length > 0 && (
                <ul className="mt-2 border-t border-gray-100 pt-2 text-sm">
                  {p.allocations.map((a, i) => (
                    <li key={`${a.billId}-${i}`} className="flex justify-between gap-2">
                      <span className="min-w-0 truncate">
                        {a.feeItem ?? (a.description || a.kind)} <span className="text-gray-500">{a.period}</span>
                      </span>
                      <span className="tabular-nums">{money(a.amountFen)}</span>
                    </li>
                  ))}
                </ul>
              )}
              {no && p.kind === 'PAYMENT' && (
                <p className="mt-2 flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span className="text-gray-600">{t('receiptNo', { no })}</span>
                  <Link href={`/${slug}/receipts/${p.id}`} className="text-brand-700 hover:underline">
                    {t('viewReceipt')}
                  </Link>
                </p>
              )}
            </div>
          );
        }}
      />
    </div>
  );
}
