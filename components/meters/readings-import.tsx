'use client';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useRefreshWithBilling } from '@/components/billing/use-refresh-with-billing';
import { useTenant } from '@/components/tenant/tenant-context';
import { Alert } from '@/components/ui/alert';
import { CsvUploadForm, csvUploadTexts, importProblemsTexts, ImportProblemsTable } from '@/components/forms/csv-upload-form';

type Result = RouterOutputs['meters']['importReadings'];
const COLUMNS = ['community', 'building', 'entrance', 'number', 'feeItem', 'period', 'reading', 'readOn', 'oldFinal', 'newStart'] as const;

/** Meter readings from a CSV: all or nothing, with every problem listed by line and column. */
export function ReadingsImport() {
  const t = useTranslations('fees.meters.import');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshWithBilling('meters');
  const [result, setResult] = useState<Result | null>(null);
  const run = useMutation(trpc.meters.importReadings.mutationOptions());
  const columnLabel = (c: string) => ((COLUMNS as readonly string[]).includes(c) ? t(`columns.${c as (typeof COLUMNS)[number]}`) : c || '—');

  return (
    <div className="space-y-3">
      <CsvUploadForm
        purpose="readings-csv"
        texts={csvUploadTexts(t)}
        hint={
          <>
            <p className="mt-2 text-xs text-gray-500">{t('hint')}</p>
            <pre className="mt-1 overflow-x-auto rounded bg-gray-50 px-2 py-1 text-xs text-gray-700">{t('sample')}</pre>
          </>
        }
        onStart={() => setResult(null)}
        run={async (upload, file) => {
          const r = await run.mutateAsync({ tenant: slug, uploadId: upload.id, fileName: file.name });
          setResult(r);
          if (r.ok) await refresh();
        }}
      />
      {result?.ok && (
        <Alert tone="success" data-testid="readings-import-summary">
          {t('done', { rows: result.rows, readings: result.readingsCreated, meters: result.metersCreated })}
        </Alert>
      )}
      {result && !result.ok && (
        <ImportProblemsTable
          problems={result.problems}
          texts={{
            title: t('problems', { count: result.problems.length }),
            caption: t('problemsCaption'),
            ...importProblemsTexts(t),
          }}
          columnLabel={columnLabel}
        />
      )}
    </div>
  );
}
