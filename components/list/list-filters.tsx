'use client';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Checkbox } from '@/components/ui/input';
import { SelectField } from '@/components/ui/field';
import { useCommunityOptions } from '@/components/units/use-register-options';
import { parseAsStringLiteral } from './use-list-query';

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

const APPROVAL_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** Requests awaiting approval (refunds, waivers): pending by default; `ALL` in the URL shows every status. */
export const approvalStatusParser = parseAsStringLiteral([...APPROVAL_STATUSES, 'ALL'] as const).withDefault('PENDING');

/** The status the list procedure takes for the URL's value. */
export const approvalStatusInput = (v: ApprovalStatus | 'ALL') => (v === 'ALL' ? undefined : v);

export function ApprovalStatusFilter({
  label,
  all,
  value,
  onChange,
}: {
  label: string;
  all: string;
  value: ApprovalStatus | 'ALL';
  onChange: (v: ApprovalStatus | 'ALL') => void;
}) {
  const tStatus = useTranslations('enums.approvalStatus');
  return (
    <ChoiceFilter
      label={label}
      all={all}
      value={value === 'ALL' ? '' : value}
      onChange={(v) => onChange(v ?? 'ALL')}
      choices={APPROVAL_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))}
    />
  );
}
