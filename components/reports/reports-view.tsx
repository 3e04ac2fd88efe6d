'use client';
import { useMemo, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { parseAsString, parseAsStringLiteral, useQueryStates } from 'nuqs';
import { addMonths, localDate } from '@/server/shared/calendar';
import { MAX_REPORT_MONTHS, RELATIONSHIP_RATES, REPORT_GRAINS, type ReportGrain } from '@/server/shared/schemas/reports';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { SelectField, TextField, NamedOptions, ValueOptions } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';
import { validDay, validPeriod } from '@/components/list/use-list-query';
import { useBuildingOptions, useCommunityOptions } from '@/components/units/use-register-options';
import { RatesSection } from './rates-section';
import { QualitySection } from './quality-section';
import { RelationshipSection } from './relationship-section';
import { RankingSection } from './ranking-section';
import type { ReportInput } from './use-report-kit';

export const REPORT_SECTIONS = ['rates', 'quality', 'relationship', 'ranking'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

const STATE = {
  section: parseAsStringLiteral(REPORT_SECTIONS).withDefault('rates'),
  community: parseAsString,
  building: parseAsString,
  grain: parseAsStringLiteral(REPORT_GRAINS).withDefault('month'),
  from: parseAsString,
  to: parseAsString,
  cutoff: parseAsString,
  rate: parseAsStringLiteral(RELATIONSHIP_RATES).withDefault('currentPeriod'),
  quarter: parseAsString,
};

const PRINT_CSS =
  '@media print { @page { size: A4 portrait; margin: 12mm; } [data-report] .overflow-x-auto { overflow: visible !important; border: 0; } [data-report] table { width: 100%; } }';

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

/** The quarters a range of months touches, latest first (the 季度评比 picker). */
function quartersOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = to; m >= from && out.length < 16; m = addMonths(m, -1)) {
    const q = quarterOf(m);
    if (!out.includes(q)) out.push(q);
  }
  return out;
}

/**
 * The reports (#16) for admins and executives: a scope (company, community, building), a range of
 * months read at a grain (months, quarters, years) and a cut-off date, all in the URL (nuqs), and
 * four sections as tabs — payment rates, service quality, their relationship and the quarterly
 * ranking. Printing shows the company, the section, the scope and the range, without the
 * navigation or the controls.
 */
export function ReportsView() {
  const t = useTranslations('reports');
  const { name: company, timeZone } = useTenant();
  const [state, setState] = useQueryStates(STATE, { history: 'push', clearOnDefault: true, scroll: false });
  const today = localDate(timeZone);
  const defaultTo = today.slice(0, 7);
  const defaultFrom = addMonths(defaultTo, -11);
  const from = validPeriod(state.from) ?? defaultFrom;
  const to = validPeriod(state.to) ?? defaultTo;
  const cutoff = validDay(state.cutoff);
  const communities = useCommunityOptions();
  const buildings = useBuildingOptions(state.community ?? undefined);

  const rangeError =
    from > to ? t('filters.rangeReversed') : monthsBetween(from, to) > MAX_REPORT_MONTHS ? t('filters.rangeTooLong', { max: MAX_REPORT_MONTHS }) : null;
  const input: ReportInput | null = useMemo(
    () =>
      rangeError
        ? null
        : {
            scope: { communityId: state.community ?? undefined, buildingId: (state.community && state.building) || undefined },
            grain: state.grain,
            from,
            to,
            cutoff,
          },
    [rangeError, state.community, state.building, state.grain, from, to, cutoff],
  );
  const quarters = quartersOf(from, to);
  const quarter = state.quarter && /^[1-9]\d{3}-Q[1-4]$/.test(state.quarter) ? state.quarter : quarterOf(to);

  const communityName = communities.options.find((c) => c.id === state.community)?.name;
  const buildingName = buildings.options.find((b) => b.id === state.building)?.name;
  const scopeLabel = !communityName
    ? t('scope.company')
    : buildingName
      ? t('scope.building', { community: communityName, building: buildingName })
      : communityName;
  const sectionTitle = t(`sections.${state.section}`);
  // 季度评比 ranks the whole company's communities, whatever the scope above.
  const printScope = state.section === 'ranking' ? t('scope.company') : scopeLabel;

  const tabs = REPORT_SECTIONS.map((s) => ({ key: s, label: t(`sections.${s}`) }));
  let body: ReactNode = null;
  if (state.section === 'ranking')
    body = (
      <RankingSection
        quarter={quarter}
        quarters={quarters.includes(quarter) ? quarters : [quarter, ...quarters]}
        onQuarter={(q) => void setState({ quarter: q })}
      />
    );
  else if (input && state.section === 'rates') body = <RatesSection input={input} scopeLabel={scopeLabel} />;
  else if (input && state.section === 'quality') body = <QualitySection input={input} scopeLabel={scopeLabel} />;
  else if (input && state.section === 'relationship')
    body = <RelationshipSection input={input} rate={state.rate} onRate={(rate) => void setState({ rate })} scopeLabel={scopeLabel} />;

  return (
    <div className="space-y-5 print:space-y-3" data-report>
      {/* Paper for a board meeting: A4, tables never clipped by their scrolling boxes. */}
      <style>{PRINT_CSS}</style>
      <div className="print:hidden">
        <PageHeader
          title={t('title')}
          description={t('description')}
          actions={
            <Button variant="secondary" onClick={() => window.print()}>
              {t('actions.print')}
            </Button>
          }
        />
      </div>
      <header className="hidden print:block">
        <h1 className="text-lg font-semibold text-gray-900">{t('printHeading', { company, report: sectionTitle })}</h1>
        <p className="text-sm text-gray-700">{printScope}</p>
      </header>
      <section aria-label={t('filters.label')} className="grid grid-cols-2 items-start gap-3 md:grid-cols-3 lg:grid-cols-6 print:hidden">
        <SelectField
          label={t('filters.community')}
          value={state.community ?? ''}
          onChange={(e) => void setState({ community: e.target.value || null, building: null })}
        >
          <option value="">{t('filters.allCommunities')}</option>
          <NamedOptions items={communities.options} />
        </SelectField>
        <SelectField
          label={t('filters.building')}
          value={state.building ?? ''}
          disabled={!state.community}
          onChange={(e) => void setState({ building: e.target.value || null })}
        >
          <option value="">{t('filters.allBuildings')}</option>
          <NamedOptions items={buildings.options} />
        </SelectField>
        <SelectField label={t('filters.grain')} value={state.grain} onChange={(e) => void setState({ grain: e.target.value as ReportGrain })}>
          <ValueOptions values={REPORT_GRAINS} label={(g) => t(`grains.${g}`)} />
        </SelectField>
        <TextField
          label={t('filters.from')}
          type="month"
          value={state.from ?? defaultFrom}
          onChange={(e) => void setState({ from: e.target.value || null })}
          error={state.from && !validPeriod(state.from) ? t('filters.periodInvalid') : undefined}
        />
        <TextField
          label={t('filters.to')}
          type="month"
          value={state.to ?? defaultTo}
          onChange={(e) => void setState({ to: e.target.value || null })}
          error={state.to && !validPeriod(state.to) ? t('filters.periodInvalid') : (rangeError ?? undefined)}
        />
        <TextField
          label={t('filters.cutoff')}
          type="date"
          value={state.cutoff ?? ''}
          hint={t('filters.cutoffHint')}
          onChange={(e) => void setState({ cutoff: e.target.value || null })}
        />
      </section>
      <div
        role="tablist"
        aria-label={t('sections.label')}
        className="-mx-1 flex gap-1 overflow-x-auto border-b border-gray-200 px-1 print:hidden"
        data-testid="report-tabs"
      >
        {tabs.map((tab) => {
          const selected = state.section === tab.key;
          return (
            <button
              key={tab.key}
              id={`report-tab-${tab.key}`}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls="report-panel"
              onClick={() => void setState({ section: tab.key })}
              className={cn(
                '-mb-px shrink-0 border-b-2 px-3 py-2 text-sm whitespace-nowrap',
                selected ? 'border-brand-600 font-semibold text-brand-700' : 'border-transparent text-gray-600 hover:text-gray-900',
              )}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div id="report-panel" role="tabpanel" aria-labelledby={`report-tab-${state.section}`} className="space-y-5 print:space-y-3">
        {body}
      </div>
    </div>
  );
}
