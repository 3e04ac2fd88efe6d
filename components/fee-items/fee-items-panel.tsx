'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Dialog } from '@/components/ui/dialog';
import { Td, Th } from '@/components/ui/table';
import { archivedRow, ListShell } from '@/components/list/list-shell';
import { ArchivedBadge, ArchivedFilter, ChoiceFilter } from '@/components/list/list-filters';
import { parseAsBoolean, parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';
import { useCommunityNames } from './community-checkboxes';
import { FeeItemForm } from './fee-item-form';
import { usePriceText } from './use-price-text';

const CALCS = ['PER_AREA', 'FIXED', 'METERED', 'ONE_OFF'] as const;
const FILTERS = { calc: parseAsStringLiteral(CALCS), includeArchived: parseAsBoolean.withDefault(false) };

/** 收费项目: what the company charges, at what price, to whom. */
export function FeeItemsPanel() {
  const t = useTranslations('fees.items');
  const tCalc = useTranslations('enums.feeCalc');
  const tCycle = useTranslations('enums.billingCycle');
  const tKind = useTranslations('enums.objectKind');
  const { slug, role } = useTenant();
  const manager = can(role, 'fees.manage');
  const trpc = useTRPC();
  const router = useRouter();
  const communityName = useCommunityNames();
  const priceText = usePriceText();
  const list = useListQuery(FILTERS);
  const [creating, setCreating] = useState(false);
  const { calc, includeArchived, q } = list.input;
  const query = useQuery({ ...trpc.feeItems.list.queryOptions({ tenant: slug, q, calc, includeArchived }), placeholderData: keepPreviousData });

  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} actions={manager && <Button onClick={() => setCreating(true)}>{t('new')}</Button>} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        searchPlaceholder=""
        filterGrid="md:grid-cols-[16rem_12rem_auto]"
        filters={
          <>
            <ChoiceFilter
              label={t('calc')}
              all={t('allCalcs')}
              value={list.values.calc}
              onChange={(v) => list.setFilter('calc', v)}
              choices={CALCS.map((c) => ({ value: c, label: tCalc(c) }))}
            />
            <ArchivedFilter checked={list.values.includeArchived} onChange={(v) => list.setFilter('includeArchived', v)} />
          </>
        }
        head={
          <>
            <Th>{t('columns.name')}</Th>
            <Th>{t('columns.calc')}</Th>
            <Th className="text-right">{t('columns.price')}</Th>
            <Th>{t('columns.due')}</Th>
            <Th>{t('columns.scope')}</Th>
            <Th>{t('columns.lateFee')}</Th>
          </>
        }
        rowKey={(f) => f.id}
        rowTestId="fee-item-row"
        rowState={archivedRow}
        empty={t('empty')}
        cells={(f) => (
          <>
            <Td className="font-medium whitespace-nowrap">
              <Link href={`/${slug}/fee-items/${f.id}`} className="text-brand-700 hover:underline">
                {f.name}
              </Link>
              <ArchivedBadge archived={f.archived} />
            </Td>
            <Td className="whitespace-nowrap">
              {tCalc(f.calc)} · {tCycle(f.cycle)} · {tKind(f.objectKind)}
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              {f.currentPrice ? priceText(f.calc, f.currentPrice) : f.calc === 'ONE_OFF' ? '—' : <Badge tone="amber">{t('noPrice')}</Badge>}
              {f.nextPrice && (
                <span className="block text-xs text-gray-500">
                  {t('nextPrice', { period: f.nextPrice.effectiveFrom, price: priceText(f.calc, f.nextPrice) })}
                </span>
              )}
            </Td>
            <Td className="whitespace-nowrap">{f.dueDay === 0 ? t('dueLast') : t('dueDay', { day: f.dueDay })}</Td>
            <Td className="text-sm">
              {f.communityIds.map(communityName).join('、')}
              {f.buildingIds.length > 0 && <span className="text-xs text-gray-500"> · {t('someBuildings', { count: f.buildingIds.length })}</span>}
            </Td>
            <Td className="text-sm whitespace-nowrap">{f.lateFee ? t('lateFeeShort', { bp: f.lateFee.dailyBp, grace: f.lateFee.graceDays }) : '—'}</Td>
          </>
        )}
      />
      <Dialog open={creating} onClose={() => setCreating(false)} title={t('new')} wide>
        {creating && (
          <FeeItemForm
            onDone={(id) => {
              setCreating(false);
              router.push(`/${slug}/fee-items/${id}`);
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Dialog>
    </div>
  );
}
