'use client';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Checkbox } from '@/components/ui/input';
import { SelectField } from '@/components/ui/field';
import { useCommunityOptions } from '@/components/units/use-register-options';

// Filters several lists share, bound to useListQuery's values.

/** A select of choices with an "all" option first ('' = no filter). */
export function ChoiceFilter<V extends string>({
  label,
  all,
  value,
  choices,
  onChange,
  disabled,
}: {
  label: string;
  all: string;
  value: V | '' | null;
  choices: readonly { value: V; label: ReactNode }[];
  onChange: (v: V | null) => void;
  disabled?: boolean;
}) {
  return (
    <SelectField label={label} value={value ?? ''} disabled={disabled} onChange={(e) => onChange((e.target.value || null) as V | null)}>
      <option value="">{all}</option>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </SelectField>
  );
}

/** The company's active communities. */
export function CommunityFilter({ label, all, value, onChange }: { label: string; all: string; value: string | null; onChange: (id: string | null) => void }) {
  const communities = useCommunityOptions();
  return <ChoiceFilter label={label} all={all} value={value} onChange={onChange} choices={communities.options.map((c) => ({ value: c.id, label: c.name }))} />;
}

/** "Show archived" (includeArchived in the URL). */
export function ArchivedFilter({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  const tc = useTranslations('common');
  return <Checkbox label={tc('showArchived')} checked={checked} onChange={(e) => onChange(e.target.checked)} className="pb-2.5" />;
}

/** The "archived" tag after an archived record's name (the row itself is dimmed by the shell). */
export function ArchivedBadge({ archived }: { archived: boolean }) {
  const tc = useTranslations('common');
  if (!archived) return null;
  return (
    <span className="ml-2">
      <Badge>{tc('archived')}</Badge>
    </span>
  );
}
