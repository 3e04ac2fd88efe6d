'use client';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Card } from '@/components/ui/card';
import { useImportColumnLabel } from './column-label';
import { CsvUploadForm, csvUploadTexts, importProblemsTexts, ImportProblemsTable } from '@/components/forms/csv-upload-form';

type Result = RouterOutputs['property']['importUnits'];

/** Upload a units-and-residents CSV (UTF-8 or GBK) or Excel workbook; all or nothing, with every problem listed. */
export function ImportForm() {
  const t = useTranslations('import');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<{ fileName: string; data: Result } | null>(null);
  const run = useMutation(trpc.property.importUnits.mutationOptions());

  return (
    <div className="space-y-4">
      <Card title={t('upload')}>
        <CsvUploadForm
          purpose="units-csv"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          texts={csvUploadTexts(t)}
          hint={<p className="mt-2 text-xs text-gray-500">{t('fileHint')}</p>}
          onStart={() => setResult(null)}
          run={async (upload, file) => {
            const data = await run.mutateAsync({ tenant: slug, uploadId: upload.id, fileName: file.name });
            setResult({ fileName: file.name, data });
            if (data.ok) await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
          }}
        />
      </Card>
      {result && (result.data.ok ? <ImportSummary fileName={result.fileName} data={result.data} /> : <ImportProblems data={result.data} />)}
    </div>
  );
}

function ImportSummary({ fileName, data }: { fileName: string; data: Extract<Result, { ok: true }> }) {
  const t = useTranslations('import.summary');
  const items = [
    { label: t('buildingsCreated'), value: data.buildingsCreated },
    { label: t('unitsCreated'), value: data.unitsCreated },
    { label: t('unitsUpdated'), value: data.unitsUpdated },
    { label: t('residentsCreated'), value: data.residentsCreated },
    { label: t('residentsUpdated'), value: data.residentsUpdated },
  ];
  return (
    <div data-testid="import-summary" className="rounded-lg border border-brand-100 bg-brand-50 p-4">
      <p className="font-semibold text-brand-700" role="status">
        {t('title', { rows: data.rows, fileName })}
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
        {items.map((i) => (
          <div key={i.label} className="rounded-md bg-white p-3 shadow-sm">
            <dt className="text-xs text-gray-500">{i.label}</dt>
            <dd className="mt-0.5 text-xl font-semibold tabular-nums text-gray-900">{i.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ImportProblems({ data }: { data: Extract<Result, { ok: false }> }) {
  const t = useTranslations('import.problems');
  const columnLabel = useImportColumnLabel();
  return (
    <ImportProblemsTable
      problems={data.problems}
      texts={{
        title: t('title', { count: data.problems.length }),
        caption: t('caption'),
        ...importProblemsTexts(t),
      }}
      columnLabel={(c) => (c ? columnLabel(c) : '—')}
    >
      {data.problems.length >= 1000 && <p className="text-xs text-gray-500">{t('truncated')}</p>}
    </ImportProblemsTable>
  );
}
