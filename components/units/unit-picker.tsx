'use client';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { useDebounced } from '@/components/ui/use-debounced';

/** Picks one unit: type part of its number, building or resident, then choose from the matches. */
export function UnitPicker({
  label,
  communityId,
  value,
  onChange,
  error,
  required,
}: {
  label: string;
  communityId?: string;
  value: { id: string; label: string } | null;
  onChange: (u: { id: string; label: string } | null) => void;
  error?: string;
  required?: boolean;
}) {
  const t = useTranslations('fees.common');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim());
  const units = useQuery({
    ...trpc.property.listUnits.queryOptions({ tenant: slug, q: search || undefined, communityId: communityId || undefined, pageSize: 30 }),
    placeholderData: keepPreviousData,
  });
  const options = units.data?.rows ?? [];
  return (
    <div className="space-y-2">
      <Input type="search" aria-label={t('unitSearch')} placeholder={t('unitSearchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} />
      <Field label={label} error={error} required={required}>
        {(a) => (
          <Select
            {...a}
            value={value?.id ?? ''}
            onChange={(e) => {
              const u = options.find((o) => o.id === e.target.value);
              onChange(u ? { id: u.id, label: `${u.community} ${u.building} ${u.label}` } : null);
            }}
          >
            <option value="">{units.isPending ? t('loading') : options.length ? t('chooseUnit') : t('noUnits')}</option>
            {value && !options.some((o) => o.id === value.id) && <option value={value.id}>{value.label}</option>}
            {options.map((u) => (
              <option key={u.id} value={u.id}>
                {u.community} {u.building} {u.label}
                {u.residents.length ? ` · ${u.residents.map((r) => r.name).join('、')}` : ''}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </div>
  );
}
