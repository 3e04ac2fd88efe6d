'use client';
import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import { useTranslations } from 'next-intl';
import { ZStationElements, type StationElement } from '@/server/shared/schemas/stations';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

const ZElementsForm = z.object({ name: z.string().optional(), elements: ZStationElements });

/**
 * The elements of a station standard (key, name, description), edited as a list: the platform's
 * city template and a company's own standard use the same editor.
 */
export function ElementsEditor({
  initial,
  name,
  submitLabel,
  onSave,
  onCancel,
  testId,
}: {
  initial: StationElement[];
  /** the standard's own name (the city template has one; a company's own has none) */
  name?: { label: string; value: string };
  submitLabel: string;
  onSave: (elements: StationElement[], name: string) => Promise<unknown>;
  onCancel?: () => void;
  testId?: string;
}) {
  const t = useTranslations('stations.elements');
  const f = useServerForm(ZElementsForm, {
    defaultValues: { name: name?.value ?? '', elements: initial },
    onSubmit: (v) => onSave(v.elements, v.name ?? ''),
  });
  const rows = useFieldArray({ control: f.form.control, name: 'elements' });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-3" data-testid={testId}>
      {name && <TextField label={name.label} required {...f.field('name')} />}
      {rows.fields.map((row, i) => (
        <div
          key={row.id}
          className="grid gap-2 rounded-md border border-gray-200 p-2 sm:grid-cols-[10rem_12rem_1fr_auto] sm:items-end"
          data-testid="standard-element"
        >
          <TextField label={t('key')} {...f.form.register(`elements.${i}.key`)} error={f.errorUnder(`elements.${i}.key`)} />
          <TextField label={t('name')} {...f.form.register(`elements.${i}.name`)} error={f.errorUnder(`elements.${i}.name`)} />
          <TextField label={t('description')} {...f.form.register(`elements.${i}.description`)} error={f.errorUnder(`elements.${i}.description`)} />
          <Button size="sm" variant="ghost" onClick={() => rows.remove(i)} aria-label={t('remove', { n: i + 1 })}>
            {t('removeShort')}
          </Button>
        </div>
      ))}
      <Button size="sm" variant="secondary" onClick={() => rows.append({ key: '', name: '', description: '' })}>
        {t('add')}
      </Button>
      <p className="text-xs text-gray-500">{t('keyHint')}</p>
      <FormActions submitLabel={submitLabel} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}
