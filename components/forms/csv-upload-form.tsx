'use client';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTenant } from '@/components/tenant/tenant-context';
import type { KeyedError } from '@/server/shared/error-key';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { uploadFile } from '@/components/uploads/upload-file';
import { FormError } from './form-error';
import { useServerError } from './use-server-error';

const MAX_BYTES = 25 * 1024 * 1024;

/** The texts of an import's upload form (each import's catalog has them under its own namespace). */
export interface CsvUploadTexts {
  fileLabel: string;
  start: string;
  importing: string;
  chooseFile: string;
  tooLarge: string;
}

/** The upload form's texts from an import's catalog namespace, which has each under the same key. */
export function csvUploadTexts(t: (key: keyof CsvUploadTexts) => string): CsvUploadTexts {
  return {
    fileLabel: t('fileLabel'),
    start: t('start'),
    importing: t('importing'),
    chooseFile: t('chooseFile'),
    tooLarge: t('tooLarge'),
  };
}

/**
 * One CSV import's form: pick a file, refuse one over 25 MB before sending it, upload it through
 * the one upload route (`purpose`, which decides the encoding — UTF-8 or GBK — and reads an Excel
 * workbook where the purpose takes one: `accept`), then `run` the import by the upload's id.
 * `onStart` clears the last result; `run` shows the new one; errors show on top.
 */
export function CsvUploadForm({
  purpose,
  texts,
  hint,
  accept = '.csv,text/csv',
  onStart,
  run,
}: {
  purpose: Parameters<typeof uploadFile>[1];
  texts: CsvUploadTexts;
  accept?: string;
  hint?: ReactNode;
  onStart: () => void;
  run: (upload: { id: string }, file: File) => Promise<unknown>;
}) {
  const { slug } = useTenant();
  const inputId = useId();
  const serverText = useServerError().text;
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    onStart();
    if (!file) return setError(texts.chooseFile);
    if (file.size > MAX_BYTES) return setError(texts.tooLarge);
    setBusy(true);
    try {
      await run(await uploadFile(slug, purpose, file), file);
    } catch (err) {
      setError(serverText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormError message={error} />
      <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-gray-700">
        {texts.fileLabel}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <input
          id={inputId}
          type="file"
          accept={accept}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
            onStart();
          }}
          className="block max-w-full text-sm text-gray-700 file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-gray-800 hover:file:bg-gray-50"
        />
        <Button type="submit" pending={busy} disabled={!file}>
          {busy ? texts.importing : texts.start}
        </Button>
      </div>
      {hint}
    </form>
  );
}

/** The problems table's texts an import's catalog namespace has under the same keys (the title and caption differ). */
export function importProblemsTexts(t: (key: 'nothingImported' | 'line' | 'column' | 'reason') => string) {
  return { nothingImported: t('nothingImported'), line: t('line'), column: t('column'), reason: t('reason') };
}

/** An import refused: how many problems, "nothing was imported", and each problem by line and column. */
export function ImportProblemsTable({
  problems,
  texts,
  columnLabel,
  children,
}: {
  problems: readonly (KeyedError & { line: number; column: string })[];
  texts: { title: string; nothingImported: string; caption: string; line: string; column: string; reason: string };
  columnLabel: (column: string) => string;
  children?: ReactNode;
}) {
  const keyedText = useServerError().keyed;
  return (
    <div className="space-y-2">
      <Alert tone="error" title={texts.title}>
        {texts.nothingImported}
      </Alert>
      <Table data-testid="import-problems" caption={texts.caption}>
        <THead>
          <Th className="w-20 text-right">{texts.line}</Th>
          <Th className="w-40">{texts.column}</Th>
          <Th>{texts.reason}</Th>
        </THead>
        <TBody>
          {problems.map((p, i) => (
            <Tr key={i}>
              <Td className="text-right tabular-nums">{p.line}</Td>
              <Td>{columnLabel(p.column)}</Td>
              <Td>{keyedText(p)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {children}
    </div>
  );
}
