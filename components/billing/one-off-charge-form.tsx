'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZObjectKind, ZOneOffChargeForm } from '@/server/shared/schemas/billing';
import { yuanToFen } from '@/server/shared/money-input';
import { localDate } from '@/server/shared/calendar';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { Field, SelectField, TextField } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { useDebounced } from '@/components/ui/use-debounced';
import { UnitPicker } from '@/components/units/unit-picker';

/** 临时收费: a one-off charge on a unit or a parking space (e.g. a renovation deposit). */
export function OneOffChargeForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations('billing.oneOff');
  const tKind = useTranslations('enums.objectKind');
  const { slug, timeZone } = useTenant();
  const money = useMoney();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = localDate(timeZone);
  const items = useQuery(trpc.feeItems.list.queryOptions({ tenant: slug, calc: 'ONE_OFF' }));
  const [kind, setKind] = useState<(typeof ZObjectKind.options)[number]>('UNIT');
  const [unit, setUnit] = useState<{ id: string; label: string } | null>(null);
  const [spaceQ, setSpaceQ] = useState('');
  const spaceSearch = useDebounced(spaceQ.trim());
  const spaces = useQuery({
    ...trpc.parking.list.queryOptions({ tenant: slug, q: spaceSearch || undefined, pageSize: 30 }),
    enabled: kind === 'PARKING',
    placeholderData: keepPreviousData,
  });
  const create = useMutation(trpc.billing.createOneOffCharge.mutationOptions());
  const f = useServerForm(ZOneOffChargeForm, {
    defaultValues: { unitId: '', parkingSpaceId: '', feeItemId: '', description: '', amountFen: '', period: today.slice(0, 7), dueDate: today },
    onSubmit: async (values) => {
      const r = await create.mutateAsync({ tenant: slug, ...values });
      await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
      onDone();
      router.push(`/${slug}/bills/${r.id}`);
    },
  });
  const fen = yuanToFen(String(f.form.watch('amountFen') ?? ''));
  // The object is a unit OR a space (the server's rule): switching kind forgets the other.
  const chooseKind = (k: typeof kind) => {
    setKind(k);
    setUnit(null);
    f.form.setValue('unitId', '');
    f.form.setValue('parkingSpaceId', '');
  };
  const objectError = f.errors.fieldError('unitId') ?? f.errors.fieldError('parkingSpaceId');

  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-gray-700">{t('object')}</legend>
        <div className="flex gap-4 text-sm">
          {ZObjectKind.options.map((k) => (
            <label key={k} className="inline-flex items-center gap-2">
              <input type="radio" name="object-kind" className="accent-brand-600" checked={kind === k} onChange={() => chooseKind(k)} />
              {tKind(k)}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'UNIT' ? (
        <UnitPicker
          label={t('unit')}
          required
          value={unit}
          onChange={(u) => {
            setUnit(u);
            f.form.setValue('unitId', u?.id ?? '', { shouldValidate: f.form.formState.isSubmitted });
          }}
          error={objectError}
        />
      ) : (
        <div className="space-y-2">
          <Input type="search" aria-label={t('spaceSearch')} placeholder={t('spaceSearch')} value={spaceQ} onChange={(e) => setSpaceQ(e.target.value)} />
          <Field label={t('space')} required error={objectError}>
            {(a) => (
              <Select {...a} {...f.form.register('parkingSpaceId')}>
                <option value="">{t('chooseSpace')}</option>
                {(spaces.data?.rows ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.community.name} {s.label} · {s.unit ? s.unit.label : s.renterName}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t('feeItem')} {...f.field('feeItemId')}>
          <option value="">{t('noFeeItem')}</option>
          {(items.data ?? [])
            .filter((f) => !f.archived)
            .map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
        </SelectField>
        <TextField label={t('description')} required maxLength={200} {...f.field('description')} />
        <TextField label={t('amount')} required inputMode="decimal" hint={fen != null && fen > 0 ? money(fen) : undefined} {...f.field('amountFen')} />
        <TextField label={t('period')} type="month" required {...f.field('period')} />
        <TextField label={t('dueDate')} type="date" required {...f.field('dueDate')} />
      </div>
      <FormActions submitLabel={t('submit')} pending={f.pending} onCancel={onDone} />
    </ServerForm>
  );
}
