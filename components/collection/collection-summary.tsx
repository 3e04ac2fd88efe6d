'use client';
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { localDate } from '@/server/shared/calendar';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { formatRate, useCompanyTime, useMoney } from '@/components/tenant/format';
import { Card, Page } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { SelectField, TextField, NamedOptions } from '@/components/ui/field';
import { Loading } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { useBuildingOptions, useCommunityOptions } from '@/components/units/use-register-options';
import { ConfirmDialog } from '@/components/money/confirm-dialog';
import { Stat } from '@/components/money/stat';
import { RateCard } from './rate-card';
import { useServerError } from '@/components/forms/use-server-error';

const PERIOD = /^[1-9]\d{3}-(0[1-9]|1[0-2])$/;

/**
 * 收缴率: billed, collected, outstanding and the four rates of DOMAIN.md for a period and a
 * scope, as of a cut-off date; a closed period (关账) shows its published figures.
 */
export function CollectionSummary({ initialPeriod }: { initialPeriod?: string }) {
  const t = useTranslations('collection.summary');
  const { slug, role, timeZone } = useTenant();
  const money = useMoney();
  const locale = useLocale();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useServerError().text;
  const manager = can(role, 'fees.manage');
  const today = localDate(timeZone);
  const [period, setPeriod] = useState(initialPeriod ?? today.slice(0, 7));
  const [communityId, setCommunityId] = useState('');
  const [buildingId, setBuildingId] = useState('');
  const [cutoff, setCutoff] = useState('');
  const [closing, setClosing] = useState(false);
  const communities = useCommunityOptions();
  const buildings = useBuildingOptions(communityId || undefined);
  const valid = PERIOD.test(period);
  const validCutoff = /^\d{4}-\d{2}-\d{2}$/.test(cutoff) ? cutoff : undefined;

  const summary = useQuery({
    ...trpc.collection.getSummary.queryOptions({
      tenant: slug,
      period,
      scope: { communityId: communityId || undefined, buildingId: buildingId || undefined },
      cutoff: validCutoff,
    }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const closes = useQuery({ ...trpc.collection.listPeriodCloses.queryOptions({ tenant: slug, pageSize: 12 }), enabled: manager });
  const close = useMutation(trpc.collection.closePeriod.mutationOptions());
  const s = summary.data;
  const periodOver = valid && today.slice(0, 7) > period;
  // What closing would freeze, and why it cannot close yet (the company's whole period only).
  const preview = useQuery({
    ...trpc.collection.getPeriodClosePreview.queryOptions({ tenant: slug, period }),
    enabled: manager && valid && !communityId && !!s && !s.closed,
  });
  const p = preview.data;

  return (
    <Page
      title={t('title')}
      description={t('description')}
      actions={
        manager &&
        s &&
        !s.closed &&
        !communityId && (
          <Button
            variant="secondary"
            onClick={() => setClosing(true)}
            disabled={!periodOver}
            aria-describedby={periodOver ? undefined : 'period-close-why'}
            title={periodOver ? undefined : t('closeNotYet')}
          >
            {t('closePeriod')}
          </Button>
        )
      }
    >
      <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-4">
        <TextField
          label={t('period')}
          type="month"
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          error={valid || !period ? undefined : t('periodInvalid')}
        />
        <SelectField
          label={t('community')}
          value={communityId}
          onChange={(e) => {
            setCommunityId(e.target.value);
            setBuildingId('');
          }}
        >
          <option value="">{t('allCommunities')}</option>
          <NamedOptions items={communities.options} />
        </SelectField>
        <SelectField label={t('building')} value={buildingId} disabled={!communityId} onChange={(e) => setBuildingId(e.target.value)}>
          <option value="">{t('allBuildings')}</option>
          {buildings.options.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('cutoff')} type="date" value={cutoff} hint={t('cutoffHint')} onChange={(e) => setCutoff(e.target.value)} />
      </div>
      {summary.error && <Alert tone="error">{errorText(summary.error)}</Alert>}
      {summary.isPending && valid && <Loading label={t('loading')} />}
      {s && (
        <>
          <div className="flex flex-wrap items-center gap-2 text-sm text-gray-600">
            {s.closed ? (
              <Badge tone="blue">
                <span data-testid="period-closed">{t('closedBadge', { at: s.closedAt ? time.dateTime(s.closedAt) : '' })}</span>
              </Badge>
            ) : (
              <Badge tone="gray">{t('openBadge')}</Badge>
            )}
            <span>{t('asOf', { period: s.period, cutoff: s.cutoff })}</span>
          </div>
          {manager && !s.closed && !communityId && p && p.period === period && !p.over && (
            <p id="period-close-why" className="text-sm text-gray-700" data-testid="period-close-why">
              {p.current ? t('closeWhy.current', { period, last: p.lastDay, from: p.closableFrom }) : t('closeWhy.future', { period, from: p.closableFrom })}
            </p>
          )}
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
            <Stat
              label={t('billed')}
              value={money(s.billedFen)}
              sub={s.adjustedFen ? t('billedSub', { gross: money(s.grossBilledFen), adjusted: money(s.adjustedFen) }) : undefined}
              data-testid="stat-billed"
            />
            <Stat label={t('collected')} value={money(s.collectedFen)} tone="good" data-testid="stat-collected" />
            <Stat label={t('outstanding')} value={money(s.outstandingFen)} tone={s.outstandingFen > 0 ? 'warn' : 'default'} data-testid="stat-outstanding" />
            <Stat label={t('openingArrears')} value={money(s.openingArrearsFen)} data-testid="stat-opening" />
            <Stat label={t('recovered')} value={money(s.arrearsRecoveredFen)} data-testid="stat-recovered" />
          </div>
          {(s.notInRateBilledFen !== 0 || s.notInRateCollectedFen !== 0) && (
            <p className="text-sm text-gray-600" data-testid="not-in-rate-line">
              {t('notInRate.line', { billed: money(s.notInRateBilledFen), collected: money(s.notInRateCollectedFen) })}
            </p>
          )}
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <RateCard
              testId="rate-current"
              title={t('rates.current')}
              rate={s.rates.currentPeriod.rate}
              numerator={money(s.rates.currentPeriod.numeratorFen)}
              denominator={money(s.rates.currentPeriod.denominatorFen)}
              numeratorLabel={t('rates.currentNum')}
              denominatorLabel={t('rates.currentDen')}
            />
            <RateCard
              testId="rate-household"
              title={t('rates.household')}
              rate={s.rates.household.rate}
              numerator={t('rates.units', { count: s.rates.household.numerator })}
              denominator={t('rates.units', { count: s.rates.household.denominator })}
              numeratorLabel={t('rates.householdNum')}
              denominatorLabel={t('rates.householdDen')}
            />
            <RateCard
              testId="rate-arrears"
              title={t('rates.arrears')}
              rate={s.rates.arrearsRecovery.rate}
              numerator={money(s.rates.arrearsRecovery.numeratorFen)}
              denominator={money(s.rates.arrearsRecovery.denominatorFen)}
              numeratorLabel={t('rates.arrearsNum')}
              denominatorLabel={t('rates.arrearsDen')}
            />
            <RateCard
              testId="rate-overall"
              title={t('rates.overall')}
              rate={s.rates.overall.rate}
              numerator={money(s.rates.overall.numeratorFen)}
              denominator={money(s.rates.overall.denominatorFen)}
              numeratorLabel={t('rates.overallNum')}
              denominatorLabel={t('rates.overallDen')}
            />
          </div>
          <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            <Card title={t('rollForward.title')}>
              <dl className="space-y-1 text-sm" data-testid="roll-forward">
                <Line label={t('rollForward.opening')} value={money(s.rollForward.openingFen)} />
                <Line label={t('rollForward.recovered')} value={money(s.rollForward.recoveredFen)} />
                <Line label={t('rollForward.adjusted')} value={money(s.rollForward.adjustedFen)} testId="roll-adjusted" />
                <Line label={t('rollForward.ownOutstanding')} value={money(s.rollForward.ownOutstandingFen)} />
                <Line label={t('rollForward.closing')} value={money(s.rollForward.closingFen)} strong testId="roll-closing" />
              </dl>
            </Card>
            <Card title={t('notInRate.title')}>
              <p className="mb-2 text-xs text-gray-500">{t('notInRate.hint')}</p>
              <dl className="space-y-1 text-sm" data-testid="not-in-rate">
                <Line label={t('notInRate.billed')} value={money(s.notInRateBilledFen)} testId="not-in-rate-billed" />
                <Line label={t('notInRate.collected')} value={money(s.notInRateCollectedFen)} />
                <Line label={t('notInRate.outstanding')} value={money(s.notInRateOutstandingFen)} />
                <Line label={t('notInRate.recovered')} value={money(s.notInRateRecoveredFen)} />
              </dl>
            </Card>
          </div>
          <p className="text-xs text-gray-500">{t('rulesNote')}</p>
        </>
      )}
      {manager && (
        <Card title={t('closes.title')}>
          <Table caption={t('closes.title')}>
            <THead>
              <Th>{t('closes.period')}</Th>
              <Th className="text-right">{t('billed')}</Th>
              <Th className="text-right">{t('collected')}</Th>
              <Th className="text-right">{t('rates.current')}</Th>
              <Th className="text-right">{t('rates.overall')}</Th>
              <Th>{t('closes.closedBy')}</Th>
            </THead>
            <TBody>
              {closes.isPending && <TableMessage colSpan={6}>{t('loading')}</TableMessage>}
              {closes.data?.rows.length === 0 && <TableMessage colSpan={6}>{t('closes.none')}</TableMessage>}
              {closes.data?.rows.map((c) => (
                <Tr key={c.id}>
                  <Td>
                    <button type="button" className="text-brand-700 hover:underline" onClick={() => setPeriod(c.period)}>
                      {c.period}
                    </button>
                  </Td>
                  <Td className="text-right tabular-nums">{money(c.billedFen)}</Td>
                  <Td className="text-right tabular-nums">{money(c.collectedFen)}</Td>
                  <Td className="text-right tabular-nums">{formatRate(c.rates.currentPeriod.rate, locale)}</Td>
                  <Td className="text-right tabular-nums">{formatRate(c.rates.overall.rate, locale)}</Td>
                  <Td className="whitespace-nowrap">
                    {c.closedBy.name} · {time.dateTime(c.closedAt)}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
      <ConfirmDialog
        open={closing}
        onClose={() => setClosing(false)}
        title={t('closeTitle', { period })}
        confirmLabel={t('closePeriod')}
        danger
        onConfirm={async () => {
          await close.mutateAsync({ tenant: slug, period });
          await queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() });
        }}
      >
        <div className="space-y-2" data-testid="period-close-preview">
          {p && p.period === period ? (
            <>
              <p>
                {t('closeFreezes', {
                  period,
                  bills: p.bills,
                  billed: money(p.billedFen),
                  payments: p.payments,
                  collected: money(p.collectedFen),
                  communities: p.communities,
                  buildings: p.buildings,
                })}
              </p>
              {p.bills === 0 && (
                <Alert tone="warning" data-testid="period-close-empty">
                  {t('closeEmpty', { period })}
                </Alert>
              )}
              {p.openDays > 0 && <Alert tone="warning">{t('closeOpenDays', { days: p.openDays })}</Alert>}
            </>
          ) : (
            preview.isPending && <Loading label={t('loading')} />
          )}
          <p>{t('closeBody', { period })}</p>
        </div>
      </ConfirmDialog>
    </Page>
  );
}

function Line({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <div className={`flex justify-between gap-4 ${strong ? 'border-t border-gray-200 pt-1 font-semibold' : ''}`}>
      <dt className="text-gray-600">{label}</dt>
      <dd className="tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
