'use client';
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { localDate } from '@/server/shared/calendar';
import { formatPriceUnits } from '@/server/shared/money';
import { ZRunForm } from '@/server/shared/schemas/billing';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { Card, PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { ListShell } from '@/components/list/list-shell';
import { useListQuery } from '@/components/list/use-list-query';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { CommunityCheckboxes, useCommunityNames } from '@/components/fee-items/community-checkboxes';
import { usePriceText } from '@/components/fee-items/use-price-text';
import { ReasonDialog } from '@/components/money/reason-dialog';

type Preview = RouterOutputs['billing']['getRunPreview'];
type Committed = RouterOutputs['billing']['commitRun'];
type Run = RouterOutputs['billing']['listRuns']['rows'][number];
type RunInput = z.output<typeof ZRunForm>;
const RUNS_PAGE = 20;

/**
 * 出账: choose a period (and optionally fee items and communities), preview what would be
 * billed and what is left out and why, then commit. Runs can be undone while unpaid.
 */
export function BillingPanel() {
  const t = useTranslations('billing.run');
  const { slug, timeZone } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const items = useQuery(trpc.feeItems.list.queryOptions({ tenant: slug }));
  /** The preview shown and the run input it was made for (Commit commits exactly that). */
  const [preview, setPreview] = useState<{ input: RunInput; preview: Preview } | null>(null);
  const [committed, setCommitted] = useState<Committed | null>(null);
  const commit = useMutation(trpc.billing.commitRun.mutationOptions());
  const runnable = (items.data ?? []).filter((f) => !f.archived && f.calc !== 'ONE_OFF');
  const f = useServerForm(ZRunForm, {
    defaultValues: { period: localDate(timeZone).slice(0, 7), feeItemIds: [], communityIds: [] },
    onSubmit: async (input) => {
      setCommitted(null);
      setPreview(null);
      const p = await queryClient.fetchQuery({ ...trpc.billing.getRunPreview.queryOptions({ tenant: slug, ...input }), staleTime: 0 });
      setPreview({ input, preview: p });
    },
  });
  const feeItemIds = f.form.watch('feeItemIds');
  const communityIds = f.form.watch('communityIds');
  const changed = () => {
    setPreview(null);
    setCommitted(null);
  };
  const setIds = (name: 'feeItemIds' | 'communityIds', ids: string[]) => {
    f.form.setValue(name, ids, { shouldDirty: true });
    changed();
  };

  async function doCommit() {
    if (!preview) return;
    f.errors.clearFormError();
    try {
      const r = await commit.mutateAsync({ tenant: slug, ...preview.input });
      setCommitted(r);
      setPreview(null);
      await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() });
    } catch (err) {
      f.errors.onServerError(err);
    }
  }

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} description={t('description')} />
      <Card title={t('newRun')}>
        <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
          <div className="max-w-xs">
            <TextField label={t('period')} type="month" required {...f.field('period')} {...f.form.register('period', { onChange: changed })} />
          </div>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-gray-700">{t('feeItems')}</legend>
            <p className="mb-1 text-xs text-gray-500">{t('feeItemsHint')}</p>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {runnable.map((i) => (
                <label key={i.id} className="inline-flex items-center gap-2 text-sm text-gray-800">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand-600"
                    checked={feeItemIds.includes(i.id)}
                    onChange={() => setIds('feeItemIds', feeItemIds.includes(i.id) ? feeItemIds.filter((x) => x !== i.id) : [...feeItemIds, i.id])}
                  />
                  {i.name}
                </label>
              ))}
              {items.data && runnable.length === 0 && (
                <p className="text-sm text-gray-500">
                  {t('noItems')}{' '}
                  <Link href={`/${slug}/fee-items`} className="text-brand-700 hover:underline">
                    {t('createItem')}
                  </Link>
                </p>
              )}
            </div>
          </fieldset>
          <CommunityCheckboxes legend={t('communities')} hint={t('communitiesHint')} value={communityIds} onChange={(ids) => setIds('communityIds', ids)} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant={preview ? 'secondary' : 'primary'} pending={f.pending}>
              {t('preview')}
            </Button>
          </div>
        </ServerForm>
      </Card>

      {committed && (
        <Alert
          tone="success"
          title={t('committed', { bills: committed.billCount, total: money(committed.totalFen), period: committed.period })}
          data-testid="billing-committed"
        >
          {committed.joined ? t('joined') : t('notified', { inApp: committed.notified.inApp, email: committed.notified.email })}{' '}
          <Link href={`/${slug}/bills?runId=${committed.runId}`} className="font-medium underline">
            {t('viewBills')}
          </Link>
        </Alert>
      )}

      {preview && <PreviewView preview={preview.preview} onCommit={doCommit} committing={commit.isPending} />}

      <RunsTable />
    </div>
  );
}

function PreviewView({ preview: p, onCommit, committing }: { preview: Preview; onCommit: () => void; committing: boolean }) {
  const t = useTranslations('billing.run');
  const tCalc = useTranslations('enums.feeCalc');
  const tCycle = useTranslations('enums.billingCycle');
  const tSkip = useTranslations('billing.skip');
  const money = useMoney();
  const priceText = usePriceText();
  const skipLabel = (code: string) => (SKIP_CODES.includes(code as SkipCode) ? tSkip(code as SkipCode) : code);
  return (
    <Card title={t('previewTitle', { period: p.period })} data-testid="billing-preview">
      {p.closed && (
        <Alert tone="warning" className="mb-3">
          {t('periodClosed', { period: p.period })}
        </Alert>
      )}
      <dl className="grid grid-cols-3 gap-3 text-sm">
        <PreviewStat label={t('objects')} testId="billing-preview-objects" value={p.objects} />
        <PreviewStat label={t('bills')} testId="billing-preview-bills" value={p.bills} />
        <PreviewStat label={t('total')} testId="billing-preview-total" value={money(p.totalFen)} />
      </dl>
      <div className="mt-4">
        <Table caption={t('byItem')}>
          <THead>
            <Th>{t('item')}</Th>
            <Th className="text-right">{t('price')}</Th>
            <Th>{t('due')}</Th>
            <Th className="text-right">{t('bills')}</Th>
            <Th className="text-right">{t('total')}</Th>
            <Th className="text-right">{t('skippedCount')}</Th>
          </THead>
          <TBody>
            {p.items.length === 0 && <TableMessage colSpan={6}>{t('noItemsInScope')}</TableMessage>}
            {p.items.map((i) => (
              <Tr key={i.feeItemId}>
                <Td>
                  <span className="font-medium">{i.name}</span>
                  <span className="block text-xs text-gray-500">
                    {tCalc(i.calc)} · {tCycle(i.cycle)}
                  </span>
                </Td>
                <Td className="text-right tabular-nums">
                  {i.priceUnits != null ? priceText(i.calc, { price: formatPriceUnits(i.priceUnits), tiers: null }) : '—'}
                </Td>
                <Td className="tabular-nums">{i.dueDate ?? '—'}</Td>
                <Td className="text-right tabular-nums">{i.bills}</Td>
                <Td className="text-right tabular-nums">{money(i.totalFen)}</Td>
                <Td className="text-right tabular-nums">{i.skipped}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
      {p.skipped.length > 0 && (
        <div className="mt-4" data-testid="billing-skipped">
          <h3 className="mb-2 text-sm font-semibold text-gray-800">{t('skippedTitle')}</h3>
          <ul className="space-y-2">
            {p.skipped.map((s, k) => (
              <li key={k} className="rounded-md border border-gray-200 px-3 py-2 text-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span>
                    <span className="font-medium">{s.feeItemName}</span> · {skipLabel(s.reason)}
                  </span>
                  <Badge tone={s.reason === 'ALREADY_BILLED' ? 'gray' : 'amber'}>{t('objectsCount', { count: s.count })}</Badge>
                </div>
                {s.examples.length > 0 && (
                  <p className="mt-1 text-xs text-gray-500">
                    {s.examples.map((e) => e.label).join('、')}
                    {s.count > s.examples.length && ` ${t('andMore', { count: s.count - s.examples.length })}`}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {p.toBill.length > 0 && (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm text-brand-700">{t('sample', { count: p.toBill.length })}</summary>
          <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
            {p.toBill.map((b, k) => (
              <li key={k} className="flex justify-between gap-2 border-b border-gray-100 py-1">
                <span className="min-w-0 truncate">{b.label}</span>
                <span className="tabular-nums">{money(b.amountFen)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="mt-5 flex flex-wrap items-center justify-end gap-3 border-t border-gray-100 pt-4">
        {p.bills === 0 && <p className="text-sm text-gray-600">{t('nothingToBill')}</p>}
        <Button onClick={onCommit} pending={committing} disabled={p.bills === 0 || p.closed}>
          {t('commit', { bills: p.bills, total: money(p.totalFen) })}
        </Button>
      </div>
    </Card>
  );
}

export const SKIP_CODES = [
  'ONE_OFF',
  'ARCHIVED',
  'NO_PRICE',
  'NOT_CYCLE_START',
  'STATUS_NOT_IN_SCOPE',
  'NOT_STARTED',
  'NO_METER',
  'MISSING_READING',
  'NO_PREVIOUS_READING',
  'ALREADY_BILLED',
  'VOIDED',
  'ZERO_AMOUNT',
  'TOO_LARGE',
] as const;
type SkipCode = (typeof SKIP_CODES)[number];

/** Only the runs' page lives in the URL (runs.page). */
const NO_FILTERS = {};

function RunsTable() {
  const t = useTranslations('billing.runs');
  const tStatus = useTranslations('enums.runStatus');
  const { slug } = useTenant();
  const money = useMoney();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const communityName = useCommunityNames();
  const items = useQuery(trpc.feeItems.list.queryOptions({ tenant: slug, includeArchived: true }));
  const itemName = (id: string) => items.data?.find((f) => f.id === id)?.name ?? '…';
  const list = useListQuery(NO_FILTERS, { pageSize: RUNS_PAGE, prefix: 'runs' });
  const [undoing, setUndoing] = useState<Run | null>(null);
  const runs = useQuery({
    ...trpc.billing.listRuns.queryOptions({ tenant: slug, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const undo = useMutation(trpc.billing.undoRun.mutationOptions());
  return (
    <Card title={t('title')}>
      <ListShell
        list={list}
        query={runs}
        caption={t('title')}
        head={
          <>
            <Th>{t('createdAt')}</Th>
            <Th>{t('period')}</Th>
            <Th>{t('scope')}</Th>
            <Th className="text-right">{t('bills')}</Th>
            <Th className="text-right">{t('total')}</Th>
            <Th>{t('status')}</Th>
            <Th>
              <span className="sr-only">{t('actions')}</span>
            </Th>
          </>
        }
        rowKey={(r) => r.id}
        rowTestId="run-row"
        rowState={(r) => (r.status === 'UNDONE' ? 'dimmed' : undefined)}
        empty={t('none')}
        cells={(r) => (
          <>
            <Td className="whitespace-nowrap tabular-nums">
              {time.dateTime(r.createdAt)}
              {r.createdBy && <span className="block text-xs text-gray-500">{r.automatic ? t('automatic', { name: r.createdBy }) : r.createdBy}</span>}
            </Td>
            <Td className="tabular-nums">{r.period}</Td>
            <Td className="text-sm">
              {r.feeItemIds.length ? r.feeItemIds.map(itemName).join('、') : t('allItems')}
              <span className="block text-xs text-gray-500">{r.communityIds.length ? r.communityIds.map(communityName).join('、') : t('allCommunities')}</span>
            </Td>
            <Td className="text-right tabular-nums">{r.billCount}</Td>
            <Td className="text-right tabular-nums">{money(r.totalFen)}</Td>
            <Td>
              <Badge tone={r.status === 'UNDONE' ? 'gray' : 'green'}>{tStatus(r.status as 'COMMITTED' | 'UNDONE')}</Badge>
              {r.undoReason && (
                <span className="block text-xs text-gray-500">
                  {r.undoneBy ? `${r.undoneBy}: ` : ''}
                  {r.undoReason}
                </span>
              )}
            </Td>
            <Td className="whitespace-nowrap">
              <span className="flex justify-end gap-1">
                {r.billCount > 0 && (
                  <Link href={`/${slug}/bills?runId=${r.id}`} className="px-2 py-1 text-sm text-brand-700 hover:underline">
                    {t('viewBills')}
                  </Link>
                )}
                {r.status === 'COMMITTED' && (
                  <Button size="sm" variant="danger" onClick={() => setUndoing(r)}>
                    {t('undo')}
                  </Button>
                )}
              </span>
            </Td>
          </>
        )}
      />
      <ReasonDialog
        open={!!undoing}
        onClose={() => setUndoing(null)}
        title={t('undoTitle', { period: undoing?.period ?? '' })}
        description={undoing && t('undoBody', { bills: undoing.billCount, total: money(undoing.totalFen) })}
        confirmLabel={t('undo')}
        onConfirm={async (reason) => {
          await undo.mutateAsync({ tenant: slug, runId: undoing!.id, reason });
          await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
          await queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() });
        }}
      />
    </Card>
  );
}

/** One figure of the run preview: its label over it. */
function PreviewStat({ label, testId, value }: { label: string; testId: string; value: ReactNode }) {
  return (
    <div className="rounded-md bg-gray-50 p-3">
      <dt className="text-gray-500">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
