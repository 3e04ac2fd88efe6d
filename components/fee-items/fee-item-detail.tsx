'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { localDate } from '@/server/shared/calendar';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useRefreshWithBilling } from '@/components/billing/use-refresh-with-billing';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { Card, DetailList, PageHeader } from '@/components/ui/card';
import { Button, ButtonLink } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { FormActions } from '@/components/forms/form-actions';
import { useCommunityNames } from './community-checkboxes';
import { FeeItemForm } from './fee-item-form';
import { PriceFields, emptyPrice, type PriceValue } from './price-fields';
import { zSetPriceForm } from '@/server/shared/schemas/billing';
import { ServerForm } from '@/components/forms/server-form';
import { setFields, useServerForm } from '@/components/forms/use-server-form';
import { usePriceText } from './use-price-text';
import { useServerError } from '@/components/forms/use-server-error';

type FeeItem = RouterOutputs['feeItems']['get'];

/** A fee item: its terms, its price history, and a price change from a chosen period on. */
export function FeeItemDetail({ initial }: { initial: FeeItem }) {
  const t = useTranslations('fees.items');
  const tc = useTranslations('common');
  const tCalc = useTranslations('enums.feeCalc');
  const tCycle = useTranslations('enums.billingCycle');
  const tKind = useTranslations('enums.objectKind');
  const tStatus = useTranslations('enums.unitStatus');
  const { slug, role } = useTenant();
  const manager = can(role, 'fees.manage');
  const trpc = useTRPC();
  const refresh = useRefreshWithBilling('feeItems');
  const time = useCompanyTime();
  const communityName = useCommunityNames();
  const priceText = usePriceText();
  const { data: f } = useQuery({ ...trpc.feeItems.get.queryOptions({ tenant: slug, id: initial.id }), initialData: initial });
  const history = useQuery(trpc.feeItems.listPrices.queryOptions({ tenant: slug, feeItemId: initial.id }));
  const [editing, setEditing] = useState(false);
  const [pricing, setPricing] = useState(false);
  const archive = useMutation(trpc.feeItems.archive.mutationOptions());
  const action = useServerError();

  const toggleArchived = () =>
    action.run(async () => {
      await archive.mutateAsync({ tenant: slug, id: f.id, archived: !f.archived });
      await refresh();
    });

  return (
    <div className="space-y-5">
      <PageHeader
        back={
          <Link href={`/${slug}/fee-items`} className="text-brand-700 hover:underline">
            ← {t('title')}
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {f.name}
            {f.archived && <Badge>{tc('archived')}</Badge>}
          </span>
        }
        actions={
          manager && (
            <>
              {!f.archived && f.calc !== 'ONE_OFF' && <Button onClick={() => setPricing(true)}>{t('changePrice')}</Button>}
              {!f.archived && (
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  {tc('edit')}
                </Button>
              )}
              {f.calc === 'METERED' && (
                <ButtonLink href={`/${slug}/meters?feeItemId=${f.id}`} variant="secondary">
                  {t('meters', { count: f.meters })}
                </ButtonLink>
              )}
              <Button variant={f.archived ? 'secondary' : 'danger'} onClick={toggleArchived} pending={archive.isPending}>
                {f.archived ? tc('restore') : tc('archive')}
              </Button>
            </>
          )
        }
      />
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <Card title={t('terms')}>
        <DetailList
          items={[
            { label: t('columns.calc'), value: `${tCalc(f.calc)} · ${tCycle(f.cycle)}` },
            { label: t('form.objectKind'), value: tKind(f.objectKind) },
            {
              label: t('currentPrice'),
              value: f.currentPrice
                ? `${priceText(f.calc, f.currentPrice)} (${t('since', { period: f.currentPrice.effectiveFrom })})`
                : f.calc === 'ONE_OFF'
                  ? '—'
                  : t('noPrice'),
            },
            { label: t('columns.due'), value: f.dueDay === 0 ? t('dueLast') : t('dueDay', { day: f.dueDay }) },
            {
              label: t('columns.scope'),
              value: f.communityIds.map(communityName).join('、') + (f.buildingIds.length ? ` · ${t('someBuildings', { count: f.buildingIds.length })}` : ''),
              wide: true,
            },
            ...(f.objectKind === 'UNIT'
              ? [
                  {
                    label: t('form.statuses'),
                    value: Object.entries(f.statusFactors)
                      .map(([s, factor]) => `${tStatus(s as 'OCCUPIED' | 'VACANT' | 'RENOVATION')} ×${factor}`)
                      .join('、'),
                  },
                ]
              : []),
            {
              label: t('columns.lateFee'),
              value: f.lateFee ? t('lateFeeLong', { bp: f.lateFee.dailyBp, grace: f.lateFee.graceDays, cap: f.lateFee.capPercent ?? 0 }) : t('noLateFee'),
            },
            { label: t('form.countsInRate'), value: f.countsInRate ? t('inRateYes') : t('inRateNo') },
          ]}
        />
      </Card>
      <Card title={t('priceHistory')}>
        <Table data-testid="price-history" caption={t('priceHistory')}>
          <THead>
            <Th>{t('from')}</Th>
            <Th>{t('to')}</Th>
            <Th className="text-right">{t('columns.price')}</Th>
            <Th>{t('setBy')}</Th>
          </THead>
          <TBody>
            {history.isPending && <TableMessage colSpan={4}>{tc('loading')}</TableMessage>}
            {history.data?.length === 0 && <TableMessage colSpan={4}>{t('noPrices')}</TableMessage>}
            {history.data?.map((p) => (
              <Tr key={p.id} className={f.currentPrice?.id === p.id ? 'bg-brand-50/60' : ''}>
                <Td className="tabular-nums">{p.effectiveFrom}</Td>
                <Td className="tabular-nums">{p.effectiveTo ? t('until', { period: p.effectiveTo }) : t('onwards')}</Td>
                <Td className="text-right tabular-nums">{priceText(f.calc, p)}</Td>
                <Td className="text-sm">
                  {p.createdBy ?? '—'} · {time.dateTime(p.createdAt)}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <p className="mt-2 text-xs text-gray-500">{t('historyNote')}</p>
      </Card>
      <Dialog open={editing} onClose={() => setEditing(false)} title={t('edit')} wide>
        {editing && <FeeItemForm item={f} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />}
      </Dialog>
      <Dialog open={pricing} onClose={() => setPricing(false)} title={t('changePrice')}>
        {pricing && <SetPriceForm item={f} onDone={() => setPricing(false)} />}
      </Dialog>
    </div>
  );
}

function SetPriceForm({ item, onDone }: { item: FeeItem; onDone: () => void }) {
  const t = useTranslations('fees.items');
  const { slug, timeZone } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshWithBilling('feeItems');
  const save = useMutation(trpc.feeItems.setPrice.mutationOptions());
  const [y, m] = localDate(timeZone).slice(0, 7).split('-').map(Number) as [number, number];
  const f = useServerForm(zSetPriceForm(item.calc === 'METERED'), {
    defaultValues: emptyPrice(m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`),
    onSubmit: async (price) => {
      await save.mutateAsync({ tenant: slug, feeItemId: item.id, ...price });
      await refresh();
      onDone();
    },
  });
  const value = f.form.watch() as PriceValue;
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
      <p className="mb-3 text-sm text-gray-600">{t('changePriceIntro')}</p>
      <PriceFields calc={item.calc} value={value} onChange={(v) => setFields(f.form, v)} error={f.errorUnder('')} />
      <FormActions submitLabel={t('savePrice')} pending={f.pending} onCancel={onDone} />
    </ServerForm>
  );
}
