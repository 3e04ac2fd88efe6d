'use client';
import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZGenerateUnitsForm, ZUnitStatus } from '@/server/shared/schemas/property';
import { fillPattern, GENERATE_LIMITS, parsePattern } from '@/server/shared/unit-generator';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField, ValueOptions } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

type Preview = RouterOutputs['property']['getGeneratedUnits'];
type Spec = z.output<typeof ZGenerateUnitsForm>;

/** The patterns a form starts with: Chinese placeholders in the Chinese UI ("1单元", "301"). */
const DEFAULT_PATTERNS = {
  zh: { entrancePattern: '{单元}单元', numberPattern: '{楼层}{户:02}' },
  en: { entrancePattern: '{entrance}', numberPattern: '{floor}{unit:02}' },
} as const;

/**
 * Generates a building's units in one step: entrances × floors × units per floor, named by the
 * patterns, an area per position on the floor. Preview shows every unit (and any the building
 * already has) before anything is written; Generate writes exactly the previewed input.
 */
export function GenerateUnitsForm({
  building,
  onDone,
  onCancel,
}: {
  building: { id: string; name: string };
  onDone: (created: number) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('communities.generate');
  const tStatus = useTranslations('enums.unitStatus');
  const lang = useLocale() === 'en' ? 'en' : 'zh';
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<{ input: Spec; preview: Preview } | null>(null);
  const generate = useMutation(trpc.property.generateUnits.mutationOptions());
  const f = useServerForm(ZGenerateUnitsForm, {
    defaultValues: {
      entrances: '1',
      ...DEFAULT_PATTERNS[lang],
      firstFloor: '1',
      floors: '6',
      perFloor: '2',
      areas: ['', ''],
      status: 'VACANT',
    },
    onSubmit: async (input) => {
      setPreview(null);
      const p = await queryClient.fetchQuery({
        ...trpc.property.getGeneratedUnits.queryOptions({ tenant: slug, buildingId: building.id, ...input }),
        staleTime: 0,
      });
      setPreview({ input, preview: p });
    },
  });
  const { form } = f;
  // Any change makes the preview stale: Generate commits only what was previewed.
  useEffect(() => {
    const sub = form.watch(() => setPreview(null));
    return () => sub.unsubscribe();
  }, [form]);

  const perFloor = Math.min(GENERATE_LIMITS.perFloor, Math.max(1, Math.trunc(Number(form.watch('perFloor'))) || 1));
  // One area per unit on a floor: the list follows "units per floor".
  useEffect(() => {
    const areas = form.getValues('areas');
    if (areas.length !== perFloor)
      form.setValue(
        'areas',
        Array.from({ length: perFloor }, (_, i) => areas[i] ?? ''),
      );
  }, [form, perFloor]);
  const numberPattern = String(form.watch('numberPattern') ?? '');
  const firstFloor = Math.trunc(Number(form.watch('firstFloor'))) || 1;
  const example = (unit: number) => ('parts' in parsePattern(numberPattern) ? fillPattern(numberPattern, { entrance: 1, floor: firstFloor, unit }) : '');

  async function commit() {
    if (!preview) return;
    f.errors.clearFormError();
    try {
      const { created } = await generate.mutateAsync({ tenant: slug, buildingId: building.id, ...preview.input });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
      onDone(created);
    } catch (err) {
      f.errors.onServerError(err);
    }
  }

  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} aria-label={t('formLabel', { building: building.name })}>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={t('entrances')} required inputMode="numeric" {...f.field('entrances')} />
        <TextField label={t('floors')} required inputMode="numeric" {...f.field('floors')} />
        <TextField label={t('perFloor')} required inputMode="numeric" {...f.field('perFloor')} />
        <TextField label={t('entrancePattern')} hint={t('entrancePatternHint')} {...f.field('entrancePattern')} />
        <TextField label={t('numberPattern')} required hint={t('numberPatternHint')} {...f.field('numberPattern')} />
        <TextField label={t('firstFloor')} inputMode="numeric" hint={t('firstFloorHint')} {...f.field('firstFloor')} />
      </div>
      <fieldset className="mt-4">
        <legend className="mb-1 text-sm font-medium text-gray-700">{t('areas')}</legend>
        <p className="mb-2 text-xs text-gray-500">{t('areasHint')}</p>
        <div className="grid gap-3 sm:grid-cols-4">
          {Array.from({ length: perFloor }, (_, i) => (
            <TextField
              key={i}
              label={t('areaAt', { position: i + 1, example: example(i + 1) || '—' })}
              required
              inputMode="decimal"
              {...f.field(`areas.${i}`)}
            />
          ))}
        </div>
        {f.errors.fieldError('areas') && (
          <p className="mt-1 text-xs text-red-600" role="alert">
            {f.errors.fieldError('areas')}
          </p>
        )}
      </fieldset>
      <SelectField label={t('status')} fieldClassName="mt-4 sm:w-64" {...f.field('status')}>
        <ValueOptions values={ZUnitStatus.options} label={tStatus} />
      </SelectField>

      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={f.pending || generate.isPending}>
          {t('cancel')}
        </Button>
        <Button type="submit" variant={preview ? 'secondary' : 'primary'} pending={f.pending}>
          {t('preview')}
        </Button>
        {preview && (
          <Button onClick={commit} pending={generate.isPending} disabled={preview.preview.existing > 0}>
            {t('commit', { count: preview.preview.total })}
          </Button>
        )}
      </div>
      {preview && <GeneratePreview preview={preview.preview} />}
    </ServerForm>
  );
}

/** Every unit to be generated: one table per entrance, floors from the top as on the building. */
function GeneratePreview({ preview }: { preview: Preview }) {
  const t = useTranslations('communities.generate');
  const entrances = [...new Set(preview.units.map((u) => u.entrance))];
  const positions = Math.max(...preview.units.map((u) => u.position));
  const existing = new Set(preview.existingLabels);
  return (
    <div className="mt-5 space-y-3" data-testid="generate-preview">
      {preview.existing > 0 ? (
        <Alert tone="error" title={t('existingTitle', { count: preview.existing })}>
          {t('existingBody', { labels: preview.existingLabels.join('、') })}
        </Alert>
      ) : (
        <Alert tone="info">{t('summary', { total: preview.total, building: `${preview.building.community} ${preview.building.name}` })}</Alert>
      )}
      {entrances.map((entrance) => {
        const units = preview.units.filter((u) => u.entrance === entrance);
        const floors = [...new Set(units.map((u) => u.floor))].sort((a, b) => b - a);
        return (
          <div key={entrance} className="max-h-80 overflow-auto rounded-md border border-gray-200">
            <Table caption={t('previewCaption', { entrance: entrance || '—' })}>
              <THead>
                <Th className="w-16 text-right">{t('floor')}</Th>
                {Array.from({ length: positions }, (_, i) => (
                  <Th key={i}>{t('position', { position: i + 1 })}</Th>
                ))}
              </THead>
              <TBody>
                {floors.map((floor) => (
                  <Tr key={floor}>
                    <Td className="text-right tabular-nums">{floor}</Td>
                    {units
                      .filter((u) => u.floor === floor)
                      .map((u) => (
                        <Td key={u.position} className={existing.has(u.label) ? 'text-red-700' : ''}>
                          <span className="font-medium">{u.label}</span> <span className="text-xs text-gray-500 tabular-nums">{u.area} m²</span>
                        </Td>
                      ))}
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        );
      })}
    </div>
  );
}
