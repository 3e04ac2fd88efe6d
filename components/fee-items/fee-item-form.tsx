'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { localDate } from '@/server/shared/calendar';
import { ZCycle, ZFeeCalc, ZFeeItemCreateForm, ZFeeItemEditForm, ZObjectKind, type FeeItemFormValues } from '@/server/shared/schemas/billing';
import { ZUnitStatus } from '@/server/shared/schemas/property';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useRefreshWithBilling } from '@/components/billing/use-refresh-with-billing';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField, TextField } from '@/components/ui/field';
import { Checkbox } from '@/components/ui/input';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { setFields, useServerForm } from '@/components/forms/use-server-form';
import { useBuildingOptions } from '@/components/units/use-register-options';
import { CommunityCheckboxes } from './community-checkboxes';
import { PriceFields, emptyPrice } from './price-fields';

type FeeItem = RouterOutputs['feeItems']['get'];
type Calc = FeeItemFormValues['calc'];
const STATUSES = ZUnitStatus.options;

function initialValues(period: string, item?: FeeItem): FeeItemFormValues {
  const factors: Partial<Record<string, string>> = item?.statusFactors ?? { OCCUPIED: '1', VACANT: '1', RENOVATION: '1' };
  return {
    name: item?.name ?? '',
    calc: (item?.calc as Calc) ?? 'PER_AREA',
    cycle: (item?.cycle as FeeItemFormValues['cycle']) ?? 'MONTHLY',
    objectKind: (item?.objectKind as FeeItemFormValues['objectKind']) ?? 'UNIT',
    dueDay: String(item?.dueDay ?? 15),
    communityIds: item?.communityIds ?? [],
    limitBuildings: (item?.buildingIds.length ?? 0) > 0,
    buildingIds: item?.buildingIds ?? [],
    statuses: Object.fromEntries(STATUSES.map((s) => [s, { on: factors[s] !== undefined, factor: factors[s] ?? '1' }])) as FeeItemFormValues['statuses'],
    countsInRate: item?.countsInRate ?? true,
    lateFee: {
      on: !!item?.lateFee,
      dailyBp: String(item?.lateFee?.dailyBp ?? 5),
      graceDays: String(item?.lateFee?.graceDays ?? 0),
      capPercent: item?.lateFee?.capPercent != null ? String(item.lateFee.capPercent) : '',
    },
    initialPrice: emptyPrice(period),
  };
}

/**
 * Creates a fee item (with its first price) or edits one. What it is (calculation, cycle,
 * object kind) is fixed once created; prices change from a period on, on the detail page.
 * The rules are the server's: the form's schema shapes what was typed into its input.
 */
export function FeeItemForm({ item, onDone, onCancel }: { item?: FeeItem; onDone: (id: string) => void; onCancel: () => void }) {
  const t = useTranslations('fees.items.form');
  const tCalc = useTranslations('enums.feeCalc');
  const tCycle = useTranslations('enums.billingCycle');
  const tKind = useTranslations('enums.objectKind');
  const tStatus = useTranslations('enums.unitStatus');
  const { slug, timeZone } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshWithBilling('feeItems');
  const create = useMutation(trpc.feeItems.create.mutationOptions());
  const update = useMutation(trpc.feeItems.update.mutationOptions());
  const creating = !item;
  const f = useServerForm<FeeItemFormValues, object>(creating ? ZFeeItemCreateForm : ZFeeItemEditForm, {
    defaultValues: initialValues(localDate(timeZone).slice(0, 7), item),
    onSubmit: async (values) => {
      let id = item?.id;
      if (item) await update.mutateAsync({ tenant: slug, id: item.id, ...(values as Omit<Parameters<typeof update.mutateAsync>[0], 'tenant' | 'id'>) });
      else id = (await create.mutateAsync({ tenant: slug, ...(values as Omit<Parameters<typeof create.mutateAsync>[0], 'tenant'>) })).id;
      await refresh();
      onDone(id!);
    },
  });
  const v = f.form.watch();
  const set = (patch: Partial<FeeItemFormValues>) => setFields(f.form, patch);
  const perUnit = v.objectKind === 'UNIT';
  const err = f.errorUnder;

  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('name')} required placeholder={t('namePlaceholder')} fieldClassName="sm:col-span-2" {...f.field('name')} />
        <SelectField
          label={t('calc')}
          value={v.calc}
          disabled={!creating}
          hint={creating ? t(`calcHint.${v.calc}`) : t('fixedOnceCreated')}
          onChange={(e) => {
            const calc = e.target.value as Calc;
            set({ calc, objectKind: calc === 'PER_AREA' || calc === 'METERED' ? 'UNIT' : v.objectKind, countsInRate: calc !== 'ONE_OFF' });
          }}
        >
          {ZFeeCalc.options.map((c) => (
            <option key={c} value={c}>
              {tCalc(c)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('objectKind')}
          value={v.objectKind}
          disabled={!creating || v.calc === 'PER_AREA' || v.calc === 'METERED'}
          onChange={(e) => set({ objectKind: e.target.value as FeeItemFormValues['objectKind'] })}
        >
          {ZObjectKind.options.map((k) => (
            <option key={k} value={k}>
              {tKind(k)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cycle')}
          value={v.cycle}
          disabled={!creating}
          hint={creating ? t('cycleHint') : undefined}
          onChange={(e) => set({ cycle: e.target.value as FeeItemFormValues['cycle'] })}
        >
          {ZCycle.options.map((c) => (
            <option key={c} value={c}>
              {tCycle(c)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('dueDay')} required inputMode="numeric" hint={t('dueDayHint')} {...f.field('dueDay')} />
      </div>

      <div className="space-y-3 rounded-lg border border-gray-200 p-3">
        <CommunityCheckboxes
          legend={t('communities')}
          hint={t('communitiesHint')}
          value={v.communityIds}
          error={err('communityIds')}
          onChange={(ids) => set({ communityIds: ids })}
        />
        {perUnit && v.communityIds.length > 0 && (
          <div>
            <Checkbox label={t('limitBuildings')} {...f.form.register('limitBuildings')} />
            {v.limitBuildings && (
              <div className="mt-2 space-y-2 pl-6">
                {v.communityIds.map((cid) => (
                  <BuildingCheckboxes key={cid} communityId={cid} value={v.buildingIds} onChange={(ids) => set({ buildingIds: ids })} />
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
                  <Checkbox label={tStatus(s)} {...f.form.register(`statuses.${s}.on`)} />
                  <label className="sr-only" htmlFor={`factor-${s}`}>
                    {t('factorFor', { status: tStatus(s) })}
                  </label>
                  <input
                    id={`factor-${s}`}
                    inputMode="decimal"
                    disabled={!v.statuses[s].on}
                    {...f.form.register(`statuses.${s}.factor`)}
                    className="h-8 w-16 rounded-md border border-gray-300 px-2 text-sm disabled:bg-gray-100"
                  />
                  <span className="text-xs text-gray-500">×</span>
                </div>
              ))}
            </div>
            {err('statusFactors') && (
              <p className="mt-1 text-xs text-red-600" role="alert">
                {err('statusFactors')}
              </p>
            )}
          </fieldset>
        )}
      </div>

      <div className="space-y-1 rounded-lg border border-gray-200 p-3">
        <Checkbox label={t('countsInRate')} data-testid="fee-item-counts-in-rate" {...f.form.register('countsInRate')} />
        <p className="text-xs text-gray-500">{t('countsInRateHint')}</p>
      </div>

      <div className="space-y-3 rounded-lg border border-gray-200 p-3">
        <Checkbox label={t('lateFee')} {...f.form.register('lateFee.on')} />
        {v.lateFee.on && (
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label={t('dailyBp')}
              inputMode="numeric"
              hint={t('dailyBpHint')}
              {...f.form.register('lateFee.dailyBp')}
              error={err('lateFee.dailyBp')}
            />
            <TextField label={t('graceDays')} inputMode="numeric" {...f.form.register('lateFee.graceDays')} error={err('lateFee.graceDays')} />
            <TextField
              label={t('capPercent')}
              inputMode="numeric"
              hint={t('capPercentHint')}
              {...f.form.register('lateFee.capPercent')}
              error={err('lateFee.capPercent')}
            />
          </div>
        )}
      </div>

      {creating && v.calc !== 'ONE_OFF' && (
        <div className="rounded-lg border border-gray-200 p-3">
          <p className="mb-2 text-sm font-medium text-gray-700">{t('initialPrice')}</p>
          <PriceFields calc={v.calc} value={v.initialPrice} onChange={(p) => set({ initialPrice: p })} error={err('initialPrice')} />
        </div>
      )}
      <FormActions submitLabel={creating ? t('create') : t('save')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
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
