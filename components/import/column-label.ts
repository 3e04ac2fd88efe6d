'use client';
import { useTranslations } from 'next-intl';

export const IMPORT_COLUMN_KEYS = [
  'community',
  'building',
  'entrance',
  'number',
  'floor',
  'area',
  'status',
  'residentName',
  'phone',
  'email',
  'kind',
  'billingStart',
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMN_KEYS)[number];

/** The column's name in the user's language (import problems name columns by key). */
export function useImportColumnLabel() {
  const t = useTranslations('import.columnNames');
  return (key: string) => ((IMPORT_COLUMN_KEYS as readonly string[]).includes(key) ? t(key as ImportColumnKey) : key);
}
