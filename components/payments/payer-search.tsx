'use client';
import { useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { TextField } from '@/components/ui/field';
import { useDebounced } from '@/components/ui/use-debounced';
import type { PayerRef } from './payer';

type Kind = 'UNIT' | 'PARKING';

/**
 * Finds the payer at the desk with the one payer search (server/shared/payer-query.ts): a unit
 * as cashiers write it (101, 1-301, 1号楼1单元301, 翠竹园 1-101), a resident's name or phone, a
 * receipt number; or a parking space by its number or renter. Enter picks the first match.
 */
export function PayerSearch({ onPick }: { onPick: (p: PayerRef) => void }) {
  const t = useTranslations('cashier.desk');
  const tKind = useTranslations('enums.objectKind');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('UNIT');
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim());
  const options = (text: string) => trpc.payments.listPayers.queryOptions({ tenant: slug, q: text, kind });
  const matches = useQuery({ ...options(search), enabled: search.length > 0, placeholderData: keepPreviousData });
  const results = matches.data ?? [];

  async function pickFirst(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const text = q.trim();
    if (!text) return;
    // What is typed now, even if the list below has not caught up with it yet.
    const rows = text === search && matches.data ? matches.data : await queryClient.fetchQuery(options(text)).catch(() => []);
    if (rows[0]) onPick(rows[0].payer);
  }

  return (
    <div>
      <div role="radiogroup" aria-label={t('payerKind')} className="mb-3 inline-flex rounded-md border border-gray-300 bg-white p-0.5">
        {(['UNIT', 'PARKING'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            onClick={() => setKind(k)}
            className={`rounded px-3 py-1.5 text-sm ${kind === k ? 'bg-brand-600 font-medium text-white' : 'text-gray-700 hover:bg-gray-100'}`}
          >
            {tKind(k)}
          </button>
        ))}
      </div>
      <TextField
        label={kind === 'UNIT' ? t('searchUnit') : t('searchParking')}
        type="search"
        autoComplete="off"
        autoFocus
        placeholder={kind === 'UNIT' ? t('searchUnitPlaceholder') : t('searchParkingPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={pickFirst}
      />
      {search && (
        <ul
          className="mt-2 divide-y divide-gray-100 rounded-md border border-gray-200 bg-white"
          aria-label={t('results')}
          aria-busy={matches.isFetching || undefined}
        >
          {results.length === 0 && <li className="px-3 py-3 text-sm text-gray-500">{matches.isFetching ? t('searching') : t('noResults')}</li>}
          {results.map((r) => (
            <li key={r.key}>
              <button type="button" onClick={() => onPick(r.payer)} className="block w-full px-3 py-2 text-left hover:bg-brand-50" data-testid="payer-result">
                <span className="block text-sm font-medium text-gray-900">{r.label}</span>
                {(r.tiedTo || r.name) && <span className="block text-xs text-gray-500">{r.tiedTo ? t('paidByUnit', { unit: r.tiedTo }) : r.name}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
