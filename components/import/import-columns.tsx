import { getTranslations } from 'next-intl/server';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS, IMPORT_REQUIRED } from '@/server/property/import-units';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { Badge } from '@/components/ui/badge';
import type { ImportColumnKey } from './column-label';

const REQUIRED = new Set<ImportColumnKey>(IMPORT_REQUIRED);

/** The accepted columns and their header names, straight from the importer's own table. */
export async function ImportColumns() {
  const t = await getTranslations('import');
  const columns = Object.entries(IMPORT_COLUMNS) as [ImportColumnKey, readonly string[]][];
  return (
    <div>
      <Table caption={t('columnsTitle')}>
        <THead>
          <Th>{t('columnsHead.column')}</Th>
          <Th>{t('columnsHead.headers')}</Th>
          <Th>{t('columnsHead.required')}</Th>
          <Th>{t('columnsHead.notes')}</Th>
        </THead>
        <TBody>
          {columns.map(([key, headers]) => (
            <Tr key={key}>
              <Td className="font-medium whitespace-nowrap">{t(`columnNames.${key}`)}</Td>
              <Td>
                <span className="flex flex-wrap gap-1">
                  {headers.map((h) => (
                    <code key={h} className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-800">
                      {h}
                    </code>
                  ))}
                </span>
              </Td>
              <Td>{REQUIRED.has(key) ? <Badge tone="amber">{t('requiredYes')}</Badge> : <span className="text-gray-500">{t('requiredNo')}</span>}</Td>
              <Td className="text-xs text-gray-600">{t(`columnNotes.${key}`)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <p className="mt-2 text-xs text-gray-500">{t('limits', { max: IMPORT_MAX_ROWS })}</p>
    </div>
  );
}
