'use client';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { TextField } from '@/components/ui/field';
import { useDebounced } from '@/components/ui/use-debounced';
import type { PayerRef } from './payer';

/**
 * Finds the payer at the desk: a unit by number, building, resident name or phone, or a
 * parking space by its number or renter.
 */
export function PayerSearch({ onPick }: { onPick: (p: PayerRef) => void }) {
  const t = useTranslations('cashier.desk');
  const tKind = useTranslations('enums.objectKind');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const [kind, setKind] = useState<'UNIT' | 'PARKING'>('UNIT');
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim());
  const units = useQuery({
    ...trpc.property.units.queryOptions({ tenant: slug, q: search || undefined, pageSize: 10 }),
    enabled: kind === 'UNIT' && search.length > 0,
    placeholderData: keepPreviousData,
  });
  const spaces = useParkingSearch(kind === 'PARKING' ? search : '');

  const results =
    kind === 'UNIT'
      ? (units.data?.rows ?? []).map((u) => ({
          ref: { kind: 'UNIT' as const, id: u.id },
          key: u.id,
          title: `${u.community} ${u.building} ${u.label}`,
          sub: u.residents.map((r) => r.name).join('、'),
        }))
      : spaces.rows;
  const pending = kind === 'UNIT' ? units.isFetching : spaces.isFetching;

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
        placeholder={kind === 'UNIT' ? t('searchUnitPlaceholder') : t('searchParkingPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {search && (
        <ul className="mt-2 divide-y divide-gray-100 rounded-md border border-gray-200 bg-white" aria-label={t('results')} aria-busy={pending || undefined}>
          {results.length === 0 && <li className="px-3 py-3 text-sm text-gray-500">{pending ? t('searching') : t('noResults')}</li>}
          {results.map((r) => (
            <li key={r.key}>
              <button type="button" onClick={() => onPick(r.ref)} className="block w-full px-3 py-2 text-left hover:bg-brand-50" data-testid="payer-result">
                <span className="block text-sm font-medium text-gray-900">{r.title}</span>
                {r.sub && <span className="block text-xs text-gray-500">{r.ref.kind === 'UNIT' && kind === 'PARKING' ? t('paidByUnit', { unit: r.sub }) : r.sub}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Parking spaces matching the search. A space tied to a unit is paid by that unit's household,
 * so picking it opens the unit; a space rented alone is its renter's.
 */
function useParkingSearch(search: string): { rows: { ref: PayerRef; key: string; title: string; sub: string }[]; isFetching: boolean } {
  const { slug } = useTenant();
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.billing.listParkingSpaces.queryOptions({ tenant: slug, q: search || undefined, pageSize: 10 }),
    enabled: search.length > 0,
    placeholderData: keepPreviousData,
  });
  return {
    rows: (q.data?.rows ?? []).map((s) => ({
      ref: s.payer,
      key: s.id,
      title: `${s.community.name} ${s.label}`,
      sub: s.unit ? s.unit.label : s.renterName,
    })),
    isFetching: q.isFetching,
  };
}
