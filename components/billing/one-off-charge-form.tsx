'use client';
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { localDate } from '@/server/tenancy/local-date';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { Field, SelectField, TextField } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { useDebounced } from '@/components/ui/use-debounced';
import { UnitPicker } from '@/components/fees/unit-picker';
import { parseYuanToFen } from '@/components/money/yuan';
import { useFeeErrorText } from '@/components/money/use-fee-error-text';

/** 临时收费: a one-off charge on a unit or a parking space (e.g. a renovation deposit). */
export function OneOffChargeForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations('billing.oneOff');
  const tKind = useTranslations('enums.objectKind');
  const { slug, timeZone } = useTenant();
  const money = useMoney();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useFeeErrorText();
  const today = localDate(timeZone);
  const items = useQuery(trpc.billing.listFeeItems.queryOptions({ tenant: slug, calc: 'ONE_OFF' }));
  const [kind, setKind] = useState<'UNIT' | 'PARKING'>('UNIT');
  const [unit, setUnit] = useState<{ id: string; label: string } | null>(null);
  const [spaceId, setSpaceId] = useState('');
  const [spaceQ, setSpaceQ] = useState('');
  const spaceSearch = useDebounced(spaceQ.trim());
  const spaces = useQuery({
    ...trpc.billing.listParkingSpaces.queryOptions({ tenant: slug, q: spaceSearch || undefined, pageSize: 30 }),
    enabled: kind === 'PARKING',
    placeholderData: keepPreviousData,
  });
  const [feeItemId, setFeeItemId] = useState('');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [period, setPeriod] = useState(today.slice(0, 7));
  const [dueDate, setDueDate] = useState(today);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const create = useMutation(trpc.billing.createOneOffCharge.mutationOptions());
  const fen = parseYuanToFen(amount);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (kind === 'UNIT' && !unit) next.object = t('unitRequired');
    if (kind === 'PARKING' && !spaceId) next.object = t('spaceRequired');
    if (!description.trim()) next.description = t('descriptionRequired');
    if (fen == null || fen <= 0) next.amount = t('amountInvalid');
    if (!/^[1-9]\d{3}-(0[1-9]|1[0-2])$/.test(period)) next.period = t('periodInvalid');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) next.dueDate = t('dateInvalid');
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      const r = await create.mutateAsync({
        tenant: slug,
        ...(kind === 'UNIT' ? { unitId: unit!.id } : { parkingSpaceId: spaceId }),
        ...(feeItemId ? { feeItemId } : {}),
        description: description.trim(),
        amountFen: fen!,
        period,
        dueDate,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
      onDone();
      router.push(`/${slug}/bills/${r.id}`);
    } catch (err) {
      setErrors({ form: errorText(err) });
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={errors.form} />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-gray-700">{t('object')}</legend>
        <div className="flex gap-4 text-sm">
          {(['UNIT', 'PARKING'] as const).map((k) => (
            <label key={k} className="inline-flex items-center gap-2">
              <input type="radio" name="object-kind" className="accent-brand-600" checked={kind === k} onChange={() => setKind(k)} />
              {tKind(k)}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'UNIT' ? (
        <UnitPicker label={t('unit')} required value={unit} onChange={setUnit} error={errors.object} />
      ) : (
        <div className="space-y-2">
          <Input type="search" aria-label={t('spaceSearch')} placeholder={t('spaceSearch')} value={spaceQ} onChange={(e) => setSpaceQ(e.target.value)} />
          <Field label={t('space')} required error={errors.object}>
            {(a) => (
              <Select {...a} value={spaceId} onChange={(e) => setSpaceId(e.target.value)}>
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
        <SelectField label={t('feeItem')} value={feeItemId} onChange={(e) => setFeeItemId(e.target.value)}>
          <option value="">{t('noFeeItem')}</option>
          {(items.data ?? [])
            .filter((f) => !f.archived)
            .map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
        </SelectField>
        <TextField label={t('description')} required maxLength={200} value={description} error={errors.description} onChange={(e) => setDescription(e.target.value)} />
        <TextField
          label={t('amount')}
          required
          inputMode="decimal"
          value={amount}
          error={errors.amount}
          hint={fen != null && fen > 0 ? money(fen) : undefined}
          onChange={(e) => setAmount(e.target.value)}
        />
        <TextField label={t('period')} type="month" required value={period} error={errors.period} onChange={(e) => setPeriod(e.target.value)} />
        <TextField label={t('dueDate')} type="date" required value={dueDate} error={errors.dueDate} onChange={(e) => setDueDate(e.target.value)} />
      </div>
      <FormActions submitLabel={t('submit')} pending={create.isPending} onCancel={onDone} />
    </form>
  );
}
