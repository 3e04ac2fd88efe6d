'use client';
import { useCallback, useMemo, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { RangeInfo } from '@/server/reports/types';
import type { ReportGrain } from '@/server/shared/schemas/reports';
import { useTenant } from '@/components/tenant/tenant-context';
import { formatDateTime } from '@/components/tenant/format';
import { Button } from '@/components/ui/button';
import { useServerError } from '@/components/forms/use-server-error';
import { bucketLabel, reportFormat } from './format';
import { CSV_TYPE, XLSX_TYPE, download, toCsv, toXlsx, type Sheet } from './export';

/** What every range report asks for (ZReportRange without the tenant). */
export interface ReportInput {
  scope: { communityId?: string; buildingId?: string };
  grain: ReportGrain;
  from: string;
  to: string;
  cutoff?: string;
}

/** The reports' translator, number formats and bucket words, bound to the reader and the company. */
export function useReportKit() {
  const t = useTranslations('reports');
  const locale = useLocale();
  const { currency, slug, name, timeZone } = useTenant();
  const f = useMemo(() => reportFormat(locale, currency), [locale, currency]);
  const bucket = useCallback(
    (key: string) => bucketLabel(key, { quarter: (year, q) => t('bucket.quarter', { year, q }), year: (year) => t('bucket.year', { year }) }),
    [t],
  );
  return { t, f, bucket, slug, company: name, timeZone, locale };
}

/** "2026-01 to 2026-12, by month, as of 2026-12-31": what the figures below are read over. */
export function RangeLine({ info }: { info: RangeInfo }) {
  const { t, bucket } = useReportKit();
  const first = info.buckets[0]?.key;
  const last = info.buckets[info.buckets.length - 1]?.key;
  return (
    <p className="text-sm text-gray-600" data-testid="report-range">
      {t('rangeLine', {
        from: first ? bucket(first) : info.from,
        to: last ? bucket(last) : info.to,
        grain: t(`grainWords.${info.grain}`),
        cutoff: info.cutoff,
      })}
    </p>
  );
}

/**
 * Export CSV and .xlsx of what the section shows. The file is made in the browser from the loaded
 * report and saved as a download; the workbook carries an extra sheet saying what it is of.
 */
export function ExportButtons({
  sheets,
  fileBase,
  report,
  scope,
  range,
  cutoff,
}: {
  sheets: () => Sheet[];
  fileBase: string;
  report: string;
  scope: string;
  range: string;
  cutoff: string;
}) {
  const { t, slug, company, timeZone, locale } = useReportKit();
  const err = useServerError();
  const [busy, setBusy] = useState(false);
  const name = `${slug}-${fileBase}`;
  const info = () => ({
    title: t('export.about'),
    lines: [
      [t('export.company'), company],
      [t('export.report'), report],
      [t('export.scope'), scope],
      [t('export.range'), range],
      [t('export.cutoff'), cutoff],
      [t('export.exportedAt'), formatDateTime(new Date(), timeZone, locale)],
    ] as [string, string][],
  });
  return (
    <div className="flex flex-wrap items-center gap-2 print:hidden">
      <Button variant="secondary" size="sm" onClick={() => download(toCsv(sheets()), CSV_TYPE, `${name}.csv`)}>
        {t('actions.csv')}
      </Button>
      <Button
        variant="secondary"
        size="sm"
        pending={busy}
        onClick={() =>
          void err.run(async () => {
            setBusy(true);
            try {
              download(await toXlsx(sheets(), info()), XLSX_TYPE, `${name}.xlsx`);
            } finally {
              setBusy(false);
            }
          })
        }
      >
        {t('actions.xlsx')}
      </Button>
      {err.error && (
        <span role="alert" className="text-sm text-red-700">
          {err.error}
        </span>
      )}
    </div>
  );
}
