'use client';
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { FormError } from '@/components/forms/form-error';
import { useImportColumnLabel } from './column-label';
import { uploadFile } from '@/components/uploads/upload-file';
import { useServerError } from '@/components/forms/use-server-error';

type Result = RouterOutputs['property']['importUnits'];
const MAX_BYTES = 25 * 1024 * 1024;

/** Upload a units-and-residents CSV; all or nothing, with every problem listed. */
export function ImportForm() {
  const t = useTranslations('import');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ fileName: string; data: Result } | null>(null);
  const run = useMutation(trpc.property.importUnits.mutationOptions());
  const [uploading, setUploading] = useState(false);
  const serverText = useServerError().text;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setResult(null);
    if (!file) return setError(t('chooseFile'));
    if (file.size > MAX_BYTES) return setError(t('tooLarge'));
    const csv = await file.text();
    // Excel on Chinese Windows saves "CSV" as GBK; read as UTF-8 it turns into U+FFFD.
    if (csv.includes('\uFFFD')) return setError(t('notUtf8'));
    try {
      // The file goes through the one upload route (25 MB, checked by content); the import reads it by id.
      setUploading(true);
      const upload = await uploadFile(slug, 'units-csv', file).finally(() => setUploading(false));
      const data = await run.mutateAsync({ tenant: slug, uploadId: upload.id, fileName: file.name });
      setResult({ fileName: file.name, data });
      if (data.ok) await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
    } catch (err) {
      setError(serverText(err));
    }
  }

  return (
    <div className="space-y-4">
      <Card title={t('upload')}>
        <form onSubmit={onSubmit} noValidate>
          <FormError message={error} />
          <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-gray-700">
            {t('fileLabel')}
          </label>
          <div className="flex flex-wrap items-center gap-3">
            <input
              id={inputId}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setResult(null);
                setError(null);
              }}
              className="block max-w-full text-sm text-gray-700 file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-gray-800 hover:file:bg-gray-50"
            />
            <Button type="submit" pending={uploading || run.isPending} disabled={!file}>
              {uploading || run.isPending ? t('importing') : t('start')}
            </Button>
          </div>
          <p className="mt-2 text-xs text-gray-500">{t('fileHint')}</p>
        </form>
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
  const keyedText = useServerError().keyed;
  const columnLabel = useImportColumnLabel();
  return (
    <div className="space-y-3">
      <Alert tone="error" title={t('title', { count: data.problems.length })}>
        {t('nothingImported')}
      </Alert>
      <Table data-testid="import-problems" caption={t('caption')}>
        <THead>
          <Th className="w-20 text-right">{t('line')}</Th>
          <Th className="w-40">{t('column')}</Th>
          <Th>{t('reason')}</Th>
        </THead>
        <TBody>
          {data.problems.map((p, i) => (
            <Tr key={i}>
              <Td className="text-right tabular-nums">{p.line}</Td>
              <Td>{p.column ? columnLabel(p.column) : '—'}</Td>
              <Td>{keyedText(p)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {data.problems.length >= 1000 && <p className="text-xs text-gray-500">{t('truncated')}</p>}
    </div>
  );
}
