'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/auth/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { Checkbox } from '@/components/ui/input';
import { SelectField, TextField } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { useDebounced } from '@/components/ui/use-debounced';
import { useFeeErrorText } from '@/components/money/use-fee-error-text';
import { useCommunityNames } from './community-checkboxes';
import { FeeItemForm } from './fee-item-form';
import { usePriceText } from './use-price-text';

type Calc = 'PER_AREA' | 'FIXED' | 'METERED' | 'ONE_OFF';

/** 收费项目: what the company charges, at what price, to whom. */
export function FeeItemsPanel() {
  const t = useTranslations('fees.items');
  const tc = useTranslations('common');
  const tCalc = useTranslations('enums.feeCalc');
  const tCycle = useTranslations('enums.billingCycle');
  const tKind = useTranslations('enums.objectKind');
  const { slug, role } = useTenant();
  const manager = can(role, 'fees.manage');
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useFeeErrorText();
  const communityName = useCommunityNames();
  const priceText = usePriceText();
  const [q, setQ] = useState('');
  const [calc, setCalc] = useState<Calc | ''>('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const search = useDebounced(q.trim());
  const list = useQuery({
    ...trpc.billing.listFeeItems.queryOptions({ tenant: slug, q: search || undefined, calc: calc || undefined, includeArchived }),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} actions={manager && <Button onClick={() => setCreating(true)}>{t('new')}</Button>} />
      <div className="mb-3 grid grid-cols-2 items-end gap-3 md:grid-cols-[16rem_12rem_auto]">
        <TextField label={tc('search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} fieldClassName="col-span-2 md:col-span-1" />
        <SelectField label={t('calc')} value={calc} onChange={(e) => setCalc(e.target.value as Calc | '')}>
          <option value="">{t('allCalcs')}</option>
          {(['PER_AREA', 'FIXED', 'METERED', 'ONE_OFF'] as const).map((c) => (
            <option key={c} value={c}>
              {tCalc(c)}
            </option>
          ))}
        </SelectField>
        <Checkbox label={tc('showArchived')} checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} className="pb-2.5" />
      </div>
      {list.error && (
        <Alert tone="error" className="mb-3">
          {errorText(list.error)}
        </Alert>
      )}
      <Table caption={t('title')}>
        <THead>
          <Th>{t('columns.name')}</Th>
          <Th>{t('columns.calc')}</Th>
          <Th className="text-right">{t('columns.price')}</Th>
          <Th>{t('columns.due')}</Th>
          <Th>{t('columns.scope')}</Th>
          <Th>{t('columns.lateFee')}</Th>
        </THead>
        <TBody>
          {list.isPending && <TableMessage colSpan={6}>{tc('loading')}</TableMessage>}
          {list.data?.length === 0 && <TableMessage colSpan={6}>{search || calc ? tc('noMatches') : t('empty')}</TableMessage>}
          {list.data?.map((f) => (
            <Tr key={f.id} data-testid="fee-item-row" className={f.archived ? 'text-gray-500' : ''}>
              <Td className="font-medium whitespace-nowrap">
                <Link href={`/${slug}/fee-items/${f.id}`} className="text-brand-700 hover:underline">
                  {f.name}
                </Link>
                {f.archived && (
                  <span className="ml-2">
                    <Badge>{tc('archived')}</Badge>
                  </span>
                )}
              </Td>
              <Td className="whitespace-nowrap">
                {tCalc(f.calc)} · {tCycle(f.cycle)} · {tKind(f.objectKind)}
              </Td>
              <Td className="text-right whitespace-nowrap tabular-nums">
                {f.currentPrice ? priceText(f.calc, f.currentPrice) : f.calc === 'ONE_OFF' ? '—' : <Badge tone="amber">{t('noPrice')}</Badge>}
                {f.nextPrice && <span className="block text-xs text-gray-500">{t('nextPrice', { period: f.nextPrice.effectiveFrom, price: priceText(f.calc, f.nextPrice) })}</span>}
              </Td>
              <Td className="whitespace-nowrap">{f.dueDay === 0 ? t('dueLast') : t('dueDay', { day: f.dueDay })}</Td>
              <Td className="text-sm">
                {f.communityIds.map(communityName).join('、')}
                {f.buildingIds.length > 0 && <span className="text-xs text-gray-500"> · {t('someBuildings', { count: f.buildingIds.length })}</span>}
              </Td>
              <Td className="text-sm whitespace-nowrap">{f.lateFee ? t('lateFeeShort', { bp: f.lateFee.dailyBp, grace: f.lateFee.graceDays }) : '—'}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
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
