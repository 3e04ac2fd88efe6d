'use client';
import { useTranslations } from 'next-intl';
import { useCommunityOptions } from '@/components/units/use-register-options';

/** Communities as checkboxes in a fieldset (a scope: several may be chosen). */
export function CommunityCheckboxes({
  legend,
  hint,
  value,
  onChange,
  error,
}: {
  legend: string;
  hint?: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const t = useTranslations('fees.common');
  const communities = useCommunityOptions();
  const toggle = (id: string) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <fieldset aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-medium text-gray-700">{legend}</legend>
      {hint && <p className="mb-1 text-xs text-gray-500">{hint}</p>}
      {communities.isPending && <p className="text-sm text-gray-500">{t('loading')}</p>}
      {!communities.isPending && communities.options.length === 0 && <p className="text-sm text-gray-500">{t('noCommunities')}</p>}
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {communities.options.map((c) => (
          <label key={c.id} className="inline-flex cursor-pointer items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" className="size-4 accent-brand-600" checked={value.includes(c.id)} onChange={() => toggle(c.id)} />
            {c.name}
          </label>
        ))}
      </div>
      {error && (
        <p className="mt-1 text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Community id → name, for showing scopes. */
export function useCommunityNames() {
  const communities = useCommunityOptions();
  const byId = new Map(communities.options.map((c) => [c.id, c.name]));
  return (id: string) => byId.get(id) ?? '…';
}
