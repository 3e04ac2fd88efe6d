'use client';
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { FormError } from '@/components/forms/form-error';
import { uploadFile } from '@/components/uploads/upload-file';
import { useServerError } from '@/components/forms/use-server-error';

type Result = RouterOutputs['billing']['importReadings'];
const MAX_BYTES = 25 * 1024 * 1024;
const COLUMNS = ['community', 'building', 'entrance', 'number', 'feeItem', 'period', 'reading', 'readOn', 'oldFinal', 'newStart'] as const;

/** Meter readings from a CSV: all or nothing, with every problem listed by line and column. */
export function ReadingsImport() {
  const t = useTranslations('fees.meters.import');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { text: errorText, keyed: keyedText } = useServerError();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const run = useMutation(trpc.billing.importReadings.mutationOptions());
  const [uploading, setUploading] = useState(false);
  const columnLabel = (c: string) => ((COLUMNS as readonly string[]).includes(c) ? t(`columns.${c as (typeof COLUMNS)[number]}`) : c || '—');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setResult(null);
    if (!file) return setError(t('chooseFile'));
    if (file.size > MAX_BYTES) return setError(t('tooLarge'));
    const csv = await file.text();
    if (csv.includes('\uFFFD')) return setError(t('notUtf8'));
    try {
      // Through the one upload route (25 MB, checked by content); the import reads the file by id.
      setUploading(true);
      const upload = await uploadFile(slug, 'readings-csv', file).finally(() => setUploading(false));
      const r = await run.mutateAsync({ tenant: slug, uploadId: upload.id, fileName: file.name });
      setResult(r);
      if (r.ok) await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="space-y-3">
      <form onSubmit={submit} noValidate>
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
        <p className="mt-2 text-xs text-gray-500">{t('hint')}</p>
        <pre className="mt-1 overflow-x-auto rounded bg-gray-50 px-2 py-1 text-xs text-gray-700">{t('sample')}</pre>
      </form>
      {result?.ok && (
        <Alert tone="success" data-testid="readings-import-summary">
          {t('done', { rows: result.rows, readings: result.readingsCreated, meters: result.metersCreated })}
        </Alert>
      )}
      {result && !result.ok && (
        <div className="space-y-2">
          <Alert tone="error" title={t('problems', { count: result.problems.length })}>
            {t('nothingImported')}
          </Alert>
          <Table data-testid="import-problems" caption={t('problemsCaption')}>
            <THead>
              <Th className="w-20 text-right">{t('line')}</Th>
              <Th className="w-40">{t('column')}</Th>
              <Th>{t('reason')}</Th>
            </THead>
            <TBody>
              {result.problems.map((p, i) => (
                <Tr key={i}>
                  <Td className="text-right tabular-nums">{p.line}</Td>
                  <Td>{columnLabel(p.column)}</Td>
                  <Td>{keyedText(p)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </div>
  );
}
