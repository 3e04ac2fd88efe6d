'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseAsInteger, parseAsString, useQueryStates, type UseQueryStatesKeysMap, type Values } from 'nuqs';

export { parseAsBoolean, parseAsString, parseAsStringLiteral } from 'nuqs';

/** A `YYYY-MM` period as typed in a month field; anything else counts as "no period". */
export const validPeriod = (v: string | null | undefined) => (v && /^[1-9]\d{3}-(0[1-9]|1[0-2])$/.test(v) ? v : undefined);
/** A `YYYY-MM-DD` day as typed in a date field; anything else counts as "no day". */
export const validDay = (v: string | null | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

const SEARCH_MS = 300;

export interface ListQueryOptions {
  pageSize?: number;
  /** Where two lists share a page: their keys are `<prefix>.q`, `<prefix>.page`, `<prefix>.<filter>`. */
  prefix?: string;
}

/**
 * The one list state: filters, search and page live in the query string (nuqs), so reload, back
 * and a shared link show the same list. A filter or search change goes back to page 1; filter and
 * page changes are history entries, typing is not (the URL follows the search box after a pause).
 * A search still waiting for its pause is dropped when a link is followed: written to the URL
 * after the click, it would cancel the navigation (Next.js discards a pending navigation when the
 * history changes under it) and leave the user on the list.
 * `input` is what list procedures take: the filters with '' as undefined, the trimmed search
 * once typing has paused, page and page size.
 */
export function useListQuery<F extends UseQueryStatesKeysMap>(filters: F, { pageSize = 25, prefix }: ListQueryOptions = {}) {
  const keys = useMemo(() => ({ ...filters, q: parseAsString.withDefault(''), page: parseAsInteger.withDefault(1) }), [filters]);
  const urlKeys = useMemo(
    () => (prefix ? Object.fromEntries(Object.keys(keys).map((k) => [k, `${prefix}.${k}`])) : {}) as Partial<Record<keyof typeof keys, string>>,
    [keys, prefix],
  );
  const [state, setState] = useQueryStates(keys, { history: 'push', clearOnDefault: true, scroll: false, urlKeys });
  const { q, page, ...rest } = state as unknown as { q: string; page: number } & Record<string, unknown>;
  const values = rest as unknown as Values<F>;
  /** The search box text while typing has not paused yet (null: the box shows the URL's q). */
  const [typed, setTyped] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelSearch = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    setTyped(null);
  }, []);
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (timer.current !== null && e.target instanceof Element && e.target.closest('a[href]')) cancelSearch();
    };
    document.addEventListener('click', onClick, true);
    return () => {
      document.removeEventListener('click', onClick, true);
      if (timer.current !== null) clearTimeout(timer.current);
    };
  }, [cancelSearch]);
  const search = q.trim();

  const setFilter = useCallback(
    <K extends keyof F & string>(key: K, value: Values<F>[K] | '' | null) => {
      void setState({ [key]: value === '' ? null : value, page: null } as never);
    },
    [setState],
  );
  /** Several filters at once (e.g. a community and, cleared with it, its building). */
  const setFilters = useCallback(
    (next: { [K in keyof F]?: Values<F>[K] | '' | null }) => {
      const cleared = Object.fromEntries(Object.entries(next).map(([k, v]) => [k, v === '' ? null : v]));
      void setState({ ...cleared, page: null } as never);
    },
    [setState],
  );
  const setSearch = useCallback(
    (text: string) => {
      if (timer.current !== null) clearTimeout(timer.current);
      setTyped(text);
      timer.current = setTimeout(() => {
        timer.current = null;
        setTyped(null);
        void setState({ q: text || null, page: null } as never, { history: 'replace' });
      }, SEARCH_MS);
    },
    [setState],
  );
  const setPage = useCallback((p: number) => void setState({ page: p > 1 ? p : null } as never), [setState]);

  const cleaned = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' || v === null ? undefined : v])) as {
    [K in keyof F]: Exclude<Values<F>[K], null | ''> | undefined;
  };
  const filtered = search.length > 0 || Object.values(cleaned).some((v) => v !== undefined && v !== false);
  return {
    /** The filters as the URL has them (null where unset): bind these to the filter fields. */
    values,
    setFilter,
    setFilters,
    /** The search box text, as typed. */
    q: typed ?? q,
    setSearch,
    /** The search once typing has paused (trimmed), '' when none. */
    search,
    page,
    setPage,
    pageSize,
    /** Any filter or search set (an empty list then says "no matches" rather than "nothing yet"). */
    filtered,
    input: { ...cleaned, q: search || undefined, page, pageSize },
  };
}

export type ListQuery = ReturnType<typeof useListQuery>;
