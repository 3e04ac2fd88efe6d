'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/auth/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { SelectField, TextField } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { useBuildingOptions, useCommunityOptions } from '@/components/units/use-register-options';
import { useFeeErrorText } from '@/components/money/use-fee-error-text';
import { ReminderDialog } from './reminder-dialog';

const PAGE_SIZE = 50;
type Level = 'community' | 'building' | 'unit';
const BUCKETS = ['d0_30Fen', 'd31_90Fen', 'd91_180Fen', 'over180Fen'] as const;

/**
 * 欠费: arrears by community, building or unit with ageing buckets (days overdue 0–30, 31–90,
 * 91–180, over 180), a CSV export, and reminders to the units chosen.
 */
export function ArrearsPanel() {
  const t = useTranslations('collection.arrears');
  const { slug, role } = useTenant();
  const money = useMoney();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const errorText = useFeeErrorText();
  const reminder = can(role, 'reminders.send');
  const cashier = can(role, 'payments.record');
  const [level, setLevel] = useState<Level>('community');
  const [communityId, setCommunityId] = useState('');
  const [buildingId, setBuildingId] = useState('');
  const [asOf, setAsOf] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [reminding, setReminding] = useState<{ unitIds?: string[]; communityId?: string } | null>(null);
  const communities = useCommunityOptions();
  const buildings = useBuildingOptions(communityId || undefined);
  const validAsOf = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined;

  const list = useQuery({
    ...trpc.collection.arrears.queryOptions({
      tenant: slug,
      level,
      communityId: communityId || undefined,
      buildingId: buildingId || undefined,
      asOf: validAsOf,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.rows ?? [];
  const exportHref = `/api/arrears/export?${new URLSearchParams({
    tenant: slug,
    level,
    ...(communityId ? { communityId } : {}),
    ...(buildingId ? { buildingId } : {}),
    ...(validAsOf ? { asOf: validAsOf } : {}),
  }).toString()}`;

  const reset = () => {
    setPage(1);
    setSelected([]);
  };
  const drill = (next: Level, c?: string | null, b?: string | null) => {
    setLevel(next);
    if (c) setCommunityId(c);
    setBuildingId(b ?? '');
    reset();
  };
  const unitRows = rows.filter((r) => r.payerKind === 'UNIT');
  const allChosen = unitRows.length > 0 && unitRows.every((r) => selected.includes(r.payerId!));
  const cols = level === 'unit' ? 12 + (reminder ? 1 : 0) : level === 'building' ? 8 : 7;

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <a href={exportHref} className="inline-flex h-10 items-center rounded-md border border-gray-300 bg-white px-4 text-sm font-medium text-gray-800 shadow-sm hover:bg-gray-50" data-testid="arrears-export">
              {t('export')}
            </a>
            {reminder && level === 'unit' && (
              <Button onClick={() => setReminding({ unitIds: selected })} disabled={selected.length === 0}>
                {t('remindSelected', { count: selected.length })}
              </Button>
            )}
            {reminder && communityId && (
              <Button variant="secondary" onClick={() => setReminding({ communityId })}>
                {t('remindCommunity')}
              </Button>
            )}
          </>
        }
      />
      <div role="radiogroup" aria-label={t('level')} className="inline-flex rounded-md border border-gray-300 bg-white p-0.5">
        {(['community', 'building', 'unit'] as const).map((l) => (
          <button
            key={l}
            type="button"
            role="radio"
            aria-checked={level === l}
            onClick={() => {
              setLevel(l);
              reset();
            }}
            className={`rounded px-3 py-1.5 text-sm ${level === l ? 'bg-brand-600 font-medium text-white' : 'text-gray-700 hover:bg-gray-100'}`}
          >
            {t(`levels.${l}`)}
          </button>
        ))}
      </div>
      <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-3">
        <SelectField
          label={t('community')}
          value={communityId}
          onChange={(e) => {
            setCommunityId(e.target.value);
            setBuildingId('');
            reset();
          }}
        >
          <option value="">{t('allCommunities')}</option>
          {communities.options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('building')}
          value={buildingId}
          disabled={!communityId}
          onChange={(e) => {
            setBuildingId(e.target.value);
            reset();
          }}
        >
          <option value="">{t('allBuildings')}</option>
          {buildings.options.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('asOf')}
          type="date"
          value={asOf}
          hint={list.data ? t('asOfHint', { day: list.data.asOf }) : undefined}
          onChange={(e) => {
            setAsOf(e.target.value);
            reset();
          }}
        />
      </div>
      {list.error && <Alert tone="error">{errorText(list.error)}</Alert>}
      {list.data && (
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" data-testid="arrears-totals">
          <div className="rounded-lg border border-gray-200 bg-white p-3">
            <dt className="text-gray-500">{t('total')}</dt>
            <dd className="text-lg font-semibold tabular-nums text-red-700">{money(list.data.totals.totalFen)}</dd>
            <dd className="text-xs text-gray-500">{t('payers', { units: list.data.totals.units, spaces: list.data.totals.spaces })}</dd>
          </div>
          {BUCKETS.map((b) => (
            <div key={b} className="rounded-lg border border-gray-200 bg-white p-3">
              <dt className="text-gray-500">{t(`buckets.${b}`)}</dt>
              <dd className="text-lg font-semibold tabular-nums">{money(list.data.totals[b])}</dd>
            </div>
          ))}
        </dl>
      )}
      <Table data-testid="arrears-table" caption={t('title')}>
        <THead>
          {level === 'unit' && reminder && (
            <Th className="w-10">
              <input
                type="checkbox"
                className="size-4 accent-brand-600"
                aria-label={t('chooseAll')}
                checked={allChosen}
                onChange={() => setSelected(allChosen ? [] : unitRows.map((r) => r.payerId!))}
              />
            </Th>
          )}
          <Th>{t('columns.community')}</Th>
          {level !== 'community' && <Th>{t('columns.building')}</Th>}
          {level === 'unit' && <Th>{t('columns.unit')}</Th>}
          {level === 'unit' && <Th>{t('columns.residents')}</Th>}
          {level !== 'unit' && <Th className="text-right">{t('columns.payers')}</Th>}
          {level === 'unit' && <Th className="text-right">{t('columns.maxDays')}</Th>}
          {BUCKETS.map((b) => (
            <Th key={b} className="text-right">
              {t(`buckets.${b}`)}
            </Th>
          ))}
          <Th className="text-right">{t('columns.total')}</Th>
          {level === 'unit' && <Th>{t('columns.lastReminder')}</Th>}
          {level === 'unit' && (
            <Th>
              <span className="sr-only">{t('columns.actions')}</span>
            </Th>
          )}
        </THead>
        <TBody>
          {list.isPending && <TableMessage colSpan={cols}>{t('loading')}</TableMessage>}
          {list.data && rows.length === 0 && <TableMessage colSpan={cols}>{t('none')}</TableMessage>}
          {rows.map((r, i) => (
            <Tr key={`${r.communityId}-${r.buildingId}-${r.payerId}-${i}`} data-testid="arrears-row">
              {level === 'unit' && reminder && (
                <Td>
                  {r.payerKind === 'UNIT' && (
                    <input
                      type="checkbox"
                      className="size-4 accent-brand-600"
                      aria-label={t('choose', { label: `${r.building} ${r.label}` })}
                      checked={selected.includes(r.payerId!)}
                      onChange={() => setSelected((s) => (s.includes(r.payerId!) ? s.filter((x) => x !== r.payerId) : [...s, r.payerId!]))}
                    />
                  )}
                </Td>
              )}
              <Td className="whitespace-nowrap">
                {level === 'community' ? (
                  <button type="button" className="text-brand-700 hover:underline" onClick={() => drill('building', r.communityId)}>
                    {r.community}
                  </button>
                ) : (
                  r.community
                )}
              </Td>
              {level !== 'community' && (
                <Td className="whitespace-nowrap">
                  {level === 'building' ? (
                    r.buildingId ? (
                      <button type="button" className="text-brand-700 hover:underline" onClick={() => drill('unit', r.communityId, r.buildingId)}>
                        {r.building}
                      </button>
                    ) : (
                      t('spacesAlone')
                    )
                  ) : (
                    r.building || '—'
                  )}
                </Td>
              )}
              {level === 'unit' && (
                <Td className="font-medium whitespace-nowrap">
                  {r.payerKind === 'PARKING' ? t('space', { number: r.label }) : r.label}
                </Td>
              )}
              {level === 'unit' && (
                <Td className="min-w-32 text-xs">
                  {r.residents.length === 0
                    ? '—'
                    : r.residents.map((p, k) => (
                        <span key={k} className="block whitespace-nowrap">
                          {p.name} {p.phone && <span className="text-gray-500">{p.phone}</span>}
                        </span>
                      ))}
                </Td>
              )}
              {level !== 'unit' && <Td className="text-right tabular-nums">{t('payers', { units: r.units, spaces: r.spaces })}</Td>}
              {level === 'unit' && <Td className="text-right tabular-nums">{r.maxDaysOverdue}</Td>}
              {BUCKETS.map((b) => (
                <Td key={b} className="text-right whitespace-nowrap tabular-nums">
                  {r[b] ? money(r[b]) : '—'}
                </Td>
              ))}
              <Td className="text-right font-semibold whitespace-nowrap tabular-nums text-red-700">{money(r.totalFen)}</Td>
              {level === 'unit' && <Td className="whitespace-nowrap text-xs">{r.lastReminderAt ? time.dateTime(r.lastReminderAt) : '—'}</Td>}
              {level === 'unit' && (
                <Td className="whitespace-nowrap">
                  {cashier && r.payerId && (
                    <Link href={`/${slug}/cashier?${r.payerKind === 'UNIT' ? 'unit' : 'parking'}=${r.payerId}`} className="text-sm text-brand-700 hover:underline">
                      {t('collect')}
                    </Link>
                  )}
                </Td>
              )}
            </Tr>
          ))}
        </TBody>
      </Table>
      {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
      <ReminderDialog
        target={reminding}
        onClose={() => setReminding(null)}
        onSent={() => setSelected([])}
        communityName={communities.options.find((c) => c.id === reminding?.communityId)?.name}
      />
    </div>
  );
}
