'use client';
import { Children, Fragment, isValidElement, type ReactElement, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { Table, TBody, Th, THead, TableMessage, Tr, type RowState } from '@/components/ui/table';
import type { ListQuery } from './use-list-query';
import { useServerError } from '@/components/forms/use-server-error';

export type { RowState };
/** The row state of records that can be archived. */
/** The header of a row-actions column: no visible title, "Actions" for screen readers. */
/** A row's archive / restore action: the label follows the row's state. */
export function ArchiveToggle({ archived, onToggle }: { archived: boolean; onToggle: () => void }) {
  const tc = useTranslations('common');
  return (
    <Button size="sm" variant="ghost" onClick={onToggle}>
      {archived ? tc('restore') : tc('archive')}
    </Button>
  );
}

export function ActionsTh() {
  const tc = useTranslations('common');
  // relative: the screen-reader label (position: absolute) stays inside the table's scrolling
  // box instead of widening the page on a phone
  return (
    <Th className="relative">
      <span className="sr-only">{tc('actions')}</span>
    </Th>
  );
}

export const archivedRow = (r: { archived: boolean }): RowState => (r.archived ? 'dimmed' : undefined);

export type ListState = Pick<ListQuery, 'q' | 'setSearch' | 'page' | 'setPage' | 'pageSize' | 'filtered'>;

interface ListShellProps<R> {
  /** The list's URL state (useListQuery): search box, page, "filtered". Left out for a short list inside a page (no search, no pages). */
  list?: ListState;
  /** The list query: pending and error drive the loading and error states; its data gives the rows (and total). */
  query: { isPending: boolean; error: unknown; data?: { rows: readonly R[]; total?: number } | readonly R[] };
  /** The rows when they are not the query's own (e.g. filtered or grouped here). */
  rows?: readonly R[];
  /** Rows in all pages (default: the query's total); null or none: no pagination (the list is one page). */
  total?: number | null;
  /** No pagination (not even the total) while everything fits one page: short lists on a phone. */
  compactPages?: boolean;
  caption: string;
  /** data-testid of the table (or list). */
  testId?: string;
  /** Search box placeholder; leave out for a list without a search box. */
  searchPlaceholder?: string;
  /** The filter fields, laid out after the search box in one grid. */
  filters?: ReactNode;
  /** The filter grid's columns (Tailwind classes). */
  filterGrid?: string;
  /** Between the filter bar and the table (e.g. a result notice). */
  notice?: ReactNode;
  /** The error of an action on a row (archive, restore…), shown above the list. */
  actionError?: string | null;
  /** Table mode: the header cells (<Th>) and each row's cells (<Td>). */
  head?: ReactNode;
  cells?: (row: R) => ReactNode;
  /** Table mode: a full-width row under a row (e.g. expanded details), or null. */
  detail?: (row: R) => ReactNode;
  /** List mode (no head): each row as an <li>. */
  item?: (row: R) => ReactNode;
  /** List mode: the <ul>'s classes (default: one bordered box with dividers). */
  listClassName?: string;
  rowKey: (row: R) => string;
  /** "dimmed" for archived, void, reversed or rejected records. */
  rowState?: (row: R) => RowState;
  rowTestId?: string;
  /** The text when the list is empty and nothing is filtered. */
  empty: ReactNode;
  /** The text when filters or search match nothing (default: common.noMatches). */
  noMatches?: ReactNode;
}

/**
 * The one list layout: filter bar (search box + filters), the table or list, loading, empty and
 * error states, dimmed rows, pagination. State lives in the URL (useListQuery).
 */
export function ListShell<R>(p: ListShellProps<R>) {
  const tc = useTranslations('common');
  const errorText = useServerError().text;
  const { list, query } = p;
  const data = query.data;
  const rows: readonly R[] | undefined = p.rows ?? (data === undefined ? undefined : isRows(data) ? data : data.rows);
  const total = p.total === undefined ? (data && !isRows(data) ? data.total : undefined) : p.total;
  const message = query.isPending ? tc('loading') : rows?.length === 0 ? (list?.filtered ? (p.noMatches ?? tc('noMatches')) : p.empty) : null;
  const searchBox = list && p.searchPlaceholder !== undefined;
  const hasBar = searchBox || p.filters;
  return (
    <div>
      {hasBar && (
        <div className={`mb-3 grid grid-cols-2 items-end gap-3 ${p.filterGrid ?? 'md:grid-cols-4'}`} data-testid="list-filters">
          {searchBox && (
            <TextField
              label={tc('search')}
              type="search"
              placeholder={p.searchPlaceholder}
              value={list.q}
              onChange={(e) => list.setSearch(e.target.value)}
              fieldClassName="col-span-2 md:col-span-1"
            />
          )}
          {p.filters}
        </div>
      )}
      {query.error != null && (
        <Alert tone="error" className="mb-3">
          {errorText(query.error)}
        </Alert>
      )}
      {p.actionError && (
        <Alert tone="error" className="mb-3">
          {p.actionError}
        </Alert>
      )}
      {p.notice}
      {p.head ? (
        <Table caption={p.caption} data-testid={p.testId}>
          <THead>{p.head}</THead>
          <TBody>
            {message && <TableMessage colSpan={columnCount(p.head)}>{message}</TableMessage>}
            {rows?.map((r) => {
              const detail = p.detail?.(r);
              return (
                <Fragment key={p.rowKey(r)}>
                  <Tr state={p.rowState?.(r)} data-testid={p.rowTestId}>
                    {p.cells?.(r)}
                  </Tr>
                  {detail && (
                    <tr className="bg-gray-50">
                      <td colSpan={columnCount(p.head)} className="px-3 py-2">
                        {detail}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </TBody>
        </Table>
      ) : (
        <>
          {message && <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-8 text-center text-sm text-gray-500">{message}</p>}
          {!!rows?.length && (
            <ul
              className={p.listClassName ?? 'divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white'}
              aria-label={p.caption}
              data-testid={p.testId}
            >
              {rows.map((r) => {
                const state = p.rowState?.(r);
                return (
                  <li key={p.rowKey(r)} data-testid={p.rowTestId} data-state={state} className={state === 'dimmed' ? DIMMED : ''}>
                    {p.item?.(r)}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      {list && total != null && !(p.compactPages && total <= list.pageSize) && (
        <Pagination page={list.page} pageSize={list.pageSize} total={total} onPage={list.setPage} />
      )}
    </div>
  );
}

/** A dimmed item in list mode (or a card inside one). */
export const DIMMED = 'text-gray-500 opacity-70';

/** The header cells' count (a fragment's children count one by one; false and null not at all). */
function columnCount(head: ReactNode): number {
  const cells = isValidElement(head) && head.type === Fragment ? (head as ReactElement<{ children?: ReactNode }>).props.children : head;
  return Math.max(1, Children.toArray(cells).length);
}

function isRows<R>(data: { rows: readonly R[] } | readonly R[]): data is readonly R[] {
  return Array.isArray(data);
}
