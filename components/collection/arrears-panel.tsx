'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Td, Th } from '@/components/ui/table';
import { useBuildingOptions, useCommunityOptions } from '@/components/units/use-register-options';
import { ListShell } from '@/components/list/list-shell';
import { ChoiceFilter, CommunityFilter } from '@/components/list/list-filters';
import { parseAsString, parseAsStringLiteral, useListQuery, validDay } from '@/components/list/use-list-query';
import { ReminderDialog } from './reminder-dialog';

const LEVELS = ['community', 'building', 'unit'] as const;
type Level = (typeof LEVELS)[number];
const FILTERS = {
  level: parseAsStringLiteral(LEVELS).withDefault('community'),
  communityId: parseAsString,
  buildingId: parseAsString,
  asOf: parseAsString.withDefault(''),
};
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
  const reminder = can(role, 'reminders.send');
  const cashier = can(role, 'payments.record');
  const list = useListQuery(FILTERS, { pageSize: 50 });
  const { level, communityId, buildingId, asOf } = list.values;
  const [selected, setSelected] = useState<string[]>([]);
  const [reminding, setReminding] = useState<{ unitIds?: string[]; communityId?: string } | null>(null);
  const communities = useCommunityOptions();
  const buildings = useBuildingOptions(communityId ?? undefined);
  const validAsOf = validDay(asOf);

  const query = useQuery({
    ...trpc.collection.listArrears.queryOptions({
      tenant: slug,
      level,
      communityId: communityId ?? undefined,
      buildingId: buildingId ?? undefined,
      asOf: validAsOf,
      page: list.page,
      pageSize: list.pageSize,
    }),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.rows ?? [];
  const exportHref = `/api/arrears/export?${new URLSearchParams({
    tenant: slug,
    level,
    ...(communityId ? { communityId } : {}),
    ...(buildingId ? { buildingId } : {}),
    ...(validAsOf ? { asOf: validAsOf } : {}),
  }).toString()}`;

  // A new level or filter starts at page 1 with nothing chosen.
  const refilter = (next: Partial<{ level: Level; communityId: string | null; buildingId: string | null; asOf: string }>) => {
    list.setFilters(next);
    setSelected([]);
  };
  const drill = (next: Level, c?: string | null, b?: string | null) => refilter({ level: next, ...(c ? { communityId: c } : {}), buildingId: b ?? null });
  // 催缴通知单: the units chosen, else every payer in arrears of the community (and building) shown.
  const noticesHref =
    level === 'unit' && (selected.length > 0 || communityId)
      ? `/api/arrears/notices?${new URLSearchParams({
          tenant: slug,
          ...(selected.length > 0 ? { unitIds: selected.join(',') } : { ...(communityId ? { communityId } : {}), ...(buildingId ? { buildingId } : {}) }),
        }).toString()}`
      : null;
  const noticesCount = selected.length || (query.data ? query.data.totals.units + query.data.totals.spaces : 0);
  const unitRows = rows.filter((r) => r.payerKind === 'UNIT');
  const allChosen = unitRows.length > 0 && unitRows.every((r) => selected.includes(r.payerId!));

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <a
              href={exportHref}
              className="inline-flex h-10 items-center rounded-md border border-gray-300 bg-white px-4 text-sm font-medium text-gray-800 shadow-sm hover:bg-gray-50"
              data-testid="arrears-export"
            >
              {t('export')}
            </a>
            {reminder && noticesHref && (
              <a
                href={noticesHref}
                download
                className="inline-flex h-10 items-center rounded-md border border-gray-300 bg-white px-4 text-sm font-medium text-gray-800 shadow-sm hover:bg-gray-50"
                data-testid="arrears-notices"
              >
                {t('notices', { count: noticesCount })}
              </a>
            )}
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
            onClick={() => refilter({ level: l })}
            className={`rounded px-3 py-1.5 text-sm ${level === l ? 'bg-brand-600 font-medium text-white' : 'text-gray-700 hover:bg-gray-100'}`}
          >
            {t(`levels.${l}`)}
          </button>
        ))}
      </div>
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        testId="arrears-table"
        filterGrid="md:grid-cols-3"
        filters={
          <>
            <CommunityFilter
              label={t('community')}
              all={t('allCommunities')}
              value={communityId}
              onChange={(id) => refilter({ communityId: id, buildingId: null })}
            />
            <ChoiceFilter
              label={t('building')}
              all={t('allBuildings')}
              value={buildingId}
              disabled={!communityId}
              onChange={(id) => refilter({ buildingId: id })}
              choices={buildings.options.map((b) => ({ value: b.id, label: b.name }))}
            />
            <TextField
              label={t('asOf')}
              type="date"
              value={asOf}
              hint={query.data ? t('asOfHint', { day: query.data.asOf }) : undefined}
              onChange={(e) => refilter({ asOf: e.target.value })}
            />
          </>
        }
        notice={
          query.data && (
            <dl className="mb-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" data-testid="arrears-totals">
              <div className="rounded-lg border border-gray-200 bg-white p-3">
                <dt className="text-gray-500">{t('total')}</dt>
                <dd className="text-lg font-semibold tabular-nums text-red-700">{money(query.data.totals.totalFen)}</dd>
                <dd className="text-xs text-gray-500">{t('payers', { units: query.data.totals.units, spaces: query.data.totals.spaces })}</dd>
              </div>
              {BUCKETS.map((b) => (
                <div key={b} className="rounded-lg border border-gray-200 bg-white p-3">
                  <dt className="text-gray-500">{t(`buckets.${b}`)}</dt>
                  <dd className="text-lg font-semibold tabular-nums">{money(query.data.totals[b])}</dd>
                </div>
              ))}
            </dl>
          )
        }
        head={
          <>
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
          </>
        }
        rowKey={(r) => `${r.communityId}-${r.buildingId}-${r.payerKind}-${r.payerId}`}
        rowTestId="arrears-row"
        empty={t('none')}
        noMatches={t('none')}
        cells={(r) => (
          <>
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
                {r.payerId ? (
                  <Link href={`/${slug}/${r.payerKind === 'UNIT' ? 'units' : 'parking'}/${r.payerId}`} className="text-brand-700 hover:underline">
                    {r.payerKind === 'PARKING' ? t('space', { number: r.label }) : r.label}
                  </Link>
                ) : r.payerKind === 'PARKING' ? (
                  t('space', { number: r.label })
                ) : (
                  r.label
                )}
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
                  <Link
                    href={`/${slug}/cashier?${r.payerKind === 'UNIT' ? 'unit' : 'parking'}=${r.payerId}`}
                    className="text-sm text-brand-700 hover:underline"
                  >
                    {t('collect')}
                  </Link>
                )}
              </Td>
            )}
          </>
        )}
      />
      <ReminderDialog
        target={reminding}
        onClose={() => setReminding(null)}
        onSent={() => setSelected([])}
        communityName={communities.options.find((c) => c.id === reminding?.communityId)?.name}
      />
    </div>
  );
}
