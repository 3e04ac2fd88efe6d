'use client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { localDate } from '@/server/shared/local-date';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField, TextField } from '@/components/ui/field';
import { Checkbox } from '@/components/ui/input';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { serverErrorInfo } from '@/components/forms/server-error';
import { useBuildingOptions } from '@/components/units/use-register-options';
import { CommunityCheckboxes } from './community-checkboxes';
import { PriceFields, emptyPrice, priceErrors, priceInput, type PriceValue } from './price-fields';
import { useServerError } from '@/components/forms/use-server-error';

type FeeItem = RouterOutputs['billing']['getFeeItem'];
type Calc = 'PER_AREA' | 'FIXED' | 'METERED' | 'ONE_OFF';
type Cycle = 'MONTHLY' | 'QUARTERLY' | 'YEARLY';
type ObjectKind = 'UNIT' | 'PARKING';
const STATUSES = ['OCCUPIED', 'VACANT', 'RENOVATION'] as const;
type Status = (typeof STATUSES)[number];
const FACTOR = /^\d{1,9}(\.\d{1,6})?$/;

interface Values {
  name: string;
  calc: Calc;
  cycle: Cycle;
  objectKind: ObjectKind;
  dueDay: string;
  communityIds: string[];
  buildingIds: string[];
  statuses: Record<Status, { on: boolean; factor: string }>;
  lateFeeOn: boolean;
  countsInRate: boolean;
  dailyBp: string;
  graceDays: string;
  capPercent: string;
}
type Errors = Partial<Record<keyof Values | 'price' | 'form', string>>;

function initialValues(item?: FeeItem): Values {
  const factors = item?.statusFactors ?? { OCCUPIED: '1', VACANT: '1', RENOVATION: '1' };
  return {
    name: item?.name ?? '',
    calc: (item?.calc as Calc) ?? 'PER_AREA',
    cycle: (item?.cycle as Cycle) ?? 'MONTHLY',
    objectKind: (item?.objectKind as ObjectKind) ?? 'UNIT',
    dueDay: String(item?.dueDay ?? 15),
    communityIds: item?.communityIds ?? [],
    buildingIds: item?.buildingIds ?? [],
    statuses: Object.fromEntries(STATUSES.map((s) => [s, { on: factors[s] !== undefined, factor: factors[s] ?? '1' }])) as Values['statuses'],
    lateFeeOn: !!item?.lateFee,
    countsInRate: item?.countsInRate ?? true,
    dailyBp: String(item?.lateFee?.dailyBp ?? 5),
    graceDays: String(item?.lateFee?.graceDays ?? 0),
    capPercent: item?.lateFee?.capPercent != null ? String(item.lateFee.capPercent) : '',
  };
}

/**
 * Creates a fee item (with its first price) or edits one. What it is (calculation, cycle,
 * object kind) is fixed once created; prices change from a period on, on the detail page.
 */
export function FeeItemForm({ item, onDone, onCancel }: { item?: FeeItem; onDone: (id: string) => void; onCancel: () => void }) {
  const t = useTranslations('fees.items.form');
  const tCalc = useTranslations('enums.feeCalc');
  const tCycle = useTranslations('enums.billingCycle');
  const tKind = useTranslations('enums.objectKind');
  const tStatus = useTranslations('enums.unitStatus');
  const { slug, timeZone } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useServerError().text;
  const [v, setV] = useState<Values>(() => initialValues(item));
  const [price, setPrice] = useState<PriceValue>(() => emptyPrice(localDate(timeZone).slice(0, 7)));
  const [limitBuildings, setLimitBuildings] = useState((item?.buildingIds.length ?? 0) > 0);
  const [errors, setErrors] = useState<Errors>({});
  const create = useMutation(trpc.billing.createFeeItem.mutationOptions());
  const update = useMutation(trpc.billing.updateFeeItem.mutationOptions());
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((s) => ({ ...s, [k]: value }));
  const creating = !item;
  const perUnit = v.objectKind === 'UNIT';

  function validate(): Errors {
    const e: Errors = {};
    if (!v.name.trim()) e.name = t('nameRequired');
    if (!/^\d{1,2}$/.test(v.dueDay) || Number(v.dueDay) > 28) e.dueDay = t('dueDayInvalid');
    if (v.communityIds.length === 0) e.communityIds = t('scopeRequired');
    if (perUnit) {
      const on = STATUSES.filter((s) => v.statuses[s].on);
      if (!on.length) e.statuses = t('statusRequired');
      else if (on.some((s) => !FACTOR.test(v.statuses[s].factor.trim()))) e.statuses = t('factorInvalid');
    }
    if (v.lateFeeOn) {
      if (!/^\d+$/.test(v.dailyBp) || Number(v.dailyBp) < 1 || Number(v.dailyBp) > 100) e.dailyBp = t('dailyBpInvalid');
      if (!/^\d+$/.test(v.graceDays) || Number(v.graceDays) > 3650) e.graceDays = t('graceInvalid');
      if (v.capPercent && (!/^\d+$/.test(v.capPercent) || Number(v.capPercent) < 1 || Number(v.capPercent) > 100)) e.capPercent = t('capInvalid');
    }
    if (creating && v.calc !== 'ONE_OFF') {
      const p = priceErrors(price, v.calc === 'METERED');
      if (p) e.price = t(p);
    }
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) return;
    const statusFactors = perUnit ? Object.fromEntries(STATUSES.filter((s) => v.statuses[s].on).map((s) => [s, v.statuses[s].factor.trim()])) : undefined;
    const lateFee = v.lateFeeOn ? { dailyBp: Number(v.dailyBp), graceDays: Number(v.graceDays), capPercent: v.capPercent ? Number(v.capPercent) : null } : null;
    const common = {
      name: v.name.trim(),
      dueDay: Number(v.dueDay),
      communityIds: v.communityIds,
      buildingIds: limitBuildings && perUnit ? v.buildingIds : [],
      ...(statusFactors ? { statusFactors } : {}),
      lateFee,
      countsInRate: v.countsInRate,
    };
    try {
      let id = item?.id;
      if (creating) {
        const r = await create.mutateAsync({
          tenant: slug,
          ...common,
          calc: v.calc,
          cycle: v.cycle,
          objectKind: v.objectKind,
          ...(v.calc !== 'ONE_OFF' ? { initialPrice: priceInput(price, v.calc === 'METERED') } : {}),
        });
        id = r.id;
      } else {
        await update.mutateAsync({ tenant: slug, id: item.id, ...common });
      }
      await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
      onDone(id!);
    } catch (err) {
      const info = serverErrorInfo(err);
      const next: Errors = {};
      for (const [k, msgs] of Object.entries(info.fieldErrors)) {
        if (!msgs?.[0]) continue;
        if (k === 'initialPrice') next.price = errorText(err);
        else if (k in v) next[k as keyof Values] = msgs[0];
      }
      if (info.field === 'name') next.name = errorText(err);
      if (!Object.keys(next).length) next.form = errorText(err);
      setErrors(next);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <FormError message={errors.form} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('name')} required placeholder={t('namePlaceholder')} value={v.name} error={errors.name} onChange={(e) => set('name', e.target.value)} fieldClassName="sm:col-span-2" />
        <SelectField label={t('calc')} value={v.calc} disabled={!creating} hint={creating ? t(`calcHint.${v.calc}`) : t('fixedOnceCreated')} onChange={(e) => {
          const calc = e.target.value as Calc;
          setV((s) => ({ ...s, calc, objectKind: calc === 'PER_AREA' || calc === 'METERED' ? 'UNIT' : s.objectKind, countsInRate: calc !== 'ONE_OFF' }));
        }}>
          {(['PER_AREA', 'FIXED', 'METERED', 'ONE_OFF'] as const).map((c) => (
            <option key={c} value={c}>
              {tCalc(c)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('objectKind')} value={v.objectKind} disabled={!creating || v.calc === 'PER_AREA' || v.calc === 'METERED'} onChange={(e) => set('objectKind', e.target.value as ObjectKind)}>
          {(['UNIT', 'PARKING'] as const).map((k) => (
            <option key={k} value={k}>
              {tKind(k)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('cycle')} value={v.cycle} disabled={!creating} hint={creating ? t('cycleHint') : undefined} onChange={(e) => set('cycle', e.target.value as Cycle)}>
          {(['MONTHLY', 'QUARTERLY', 'YEARLY'] as const).map((c) => (
            <option key={c} value={c}>
              {tCycle(c)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('dueDay')} required inputMode="numeric" value={v.dueDay} error={errors.dueDay} hint={t('dueDayHint')} onChange={(e) => set('dueDay', e.target.value.trim())} />
      </div>

      <div className="space-y-3 rounded-lg border border-gray-200 p-3">
        <CommunityCheckboxes legend={t('communities')} hint={t('communitiesHint')} value={v.communityIds} error={errors.communityIds} onChange={(ids) => {
          set('communityIds', ids);
        }} />
        {perUnit && v.communityIds.length > 0 && (
          <div>
            <Checkbox label={t('limitBuildings')} checked={limitBuildings} onChange={(e) => setLimitBuildings(e.target.checked)} />
            {limitBuildings && (
              <div className="mt-2 space-y-2 pl-6">
                {v.communityIds.map((cid) => (
                  <BuildingCheckboxes key={cid} communityId={cid} value={v.buildingIds} onChange={(ids) => set('buildingIds', ids)} />
                ))}
                <p className="text-xs text-gray-500">{t('buildingsHint')}</p>
              </div>
            )}
          </div>
        )}
        {perUnit && (
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-gray-700">{t('statuses')}</legend>
            <p className="mb-2 text-xs text-gray-500">{t('statusesHint')}</p>
            <div className="grid gap-2 sm:grid-cols-3">
              {STATUSES.map((s) => (
                <div key={s} className="flex items-center gap-2">
                  <Checkbox label={tStatus(s)} checked={v.statuses[s].on} onChange={(e) => set('statuses', { ...v.statuses, [s]: { ...v.statuses[s], on: e.target.checked } })} />
                  <label className="sr-only" htmlFor={`factor-${s}`}>
                    {t('factorFor', { status: tStatus(s) })}
                  </label>
                  <input
                    id={`factor-${s}`}
                    inputMode="decimal"
                    disabled={!v.statuses[s].on}
                    value={v.statuses[s].factor}
                    onChange={(e) => set('statuses', { ...v.statuses, [s]: { ...v.statuses[s], factor: e.target.value } })}
                    className="h-8 w-16 rounded-md border border-gray-300 px-2 text-sm disabled:bg-gray-100"
                  />
                  <span className="text-xs text-gray-500">×</span>
                </div>
              ))}
            </div>
            {errors.statuses && (
              <p className="mt-1 text-xs text-red-600" role="alert">
                {errors.statuses}
              </p>
            )}
          </fieldset>
        )}
      </div>

      <div className="space-y-1 rounded-lg border border-gray-200 p-3">
        <Checkbox label={t('countsInRate')} checked={v.countsInRate} onChange={(e) => set('countsInRate', e.target.checked)} data-testid="fee-item-counts-in-rate" />
        <p className="text-xs text-gray-500">{t('countsInRateHint')}</p>
      </div>

      <div className="space-y-3 rounded-lg border border-gray-200 p-3">
        <Checkbox label={t('lateFee')} checked={v.lateFeeOn} onChange={(e) => set('lateFeeOn', e.target.checked)} />
        {v.lateFeeOn && (
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField label={t('dailyBp')} inputMode="numeric" value={v.dailyBp} error={errors.dailyBp} hint={t('dailyBpHint')} onChange={(e) => set('dailyBp', e.target.value.trim())} />
            <TextField label={t('graceDays')} inputMode="numeric" value={v.graceDays} error={errors.graceDays} onChange={(e) => set('graceDays', e.target.value.trim())} />
            <TextField label={t('capPercent')} inputMode="numeric" value={v.capPercent} error={errors.capPercent} hint={t('capPercentHint')} onChange={(e) => set('capPercent', e.target.value.trim())} />
          </div>
        )}
      </div>

      {creating && v.calc !== 'ONE_OFF' && (
        <div className="rounded-lg border border-gray-200 p-3">
          <p className="mb-2 text-sm font-medium text-gray-700">{t('initialPrice')}</p>
          <PriceFields calc={v.calc} value={price} onChange={setPrice} error={errors.price} />
        </div>
      )}
      <FormActions submitLabel={creating ? t('create') : t('save')} pending={create.isPending || update.isPending} onCancel={onCancel} />
    </form>
  );
}

function BuildingCheckboxes({ communityId, value, onChange }: { communityId: string; value: string[]; onChange: (ids: string[]) => void }) {
  const buildings = useBuildingOptions(communityId);
  const toggle = (id: string) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1">
      {buildings.options.map((b) => (
        <label key={b.id} className="inline-flex items-center gap-2 text-sm text-gray-800">
          <input type="checkbox" className="size-4 accent-brand-600" checked={value.includes(b.id)} onChange={() => toggle(b.id)} />
          {b.name}
        </label>
      ))}
    </div>
  );
}

