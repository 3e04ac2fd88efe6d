'use client';
import { useFieldArray } from 'react-hook-form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZStationForm, type StationFormValues, type StationElement } from '@/server/shared/schemas/stations';
import { formatDayHours, WEEKDAYS, type Interval } from '@/server/shared/opening-hours';
import { localDate } from '@/server/shared/calendar';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { setFields, useServerForm } from '@/components/forms/use-server-form';
import { CommunityCheckboxes } from '@/components/fee-items/community-checkboxes';
import type { Station } from './station-card';

const DEFAULT_DAY: Interval[] = [
  ['08:00', '12:00'],
  ['14:00', '20:00'],
];

function initialValues(today: string, s?: Station): StationFormValues {
  return {
    name: s?.name ?? '',
    communityIds: s?.communityIds ?? [],
    place: s?.place ?? '',
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, formatDayHours(s ? (s.weeklyHours[d] ?? []) : DEFAULT_DAY)])) as StationFormValues['hours'],
    exceptions: (s?.exceptions ?? []).map((e) => ({ date: e.date, hours: formatDayHours(e.hours) })),
    itemIds: s?.itemIds ?? [],
    staffIds: s?.staffIds ?? [],
    elementKeys: s?.elementKeys ?? [],
    openedOn: s ? (s.openedOn ?? '') : today,
  };
}

function Checks({
  legend,
  options,
  value,
  onChange,
  testId,
}: {
  legend: string;
  options: { id: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
  testId?: string;
}) {
  const toggle = (id: string) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <fieldset data-testid={testId}>
      <legend className="mb-1 text-sm font-medium text-gray-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.id} className="inline-flex items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" className="size-4 accent-brand-600" checked={value.includes(o.id)} onChange={() => toggle(o.id)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A station: where, whom it serves, weekly hours and exceptions, services, staff on duty, standard elements. */
export function StationForm({
  station,
  elements,
  onDone,
  onCancel,
}: {
  station?: Station;
  elements: StationElement[];
  onDone: () => Promise<unknown> | void;
  onCancel: () => void;
}) {
  const t = useTranslations('stations');
  const { slug, timeZone } = useTenant();
  const trpc = useTRPC();
  const items = useQuery(trpc.services.listItems.queryOptions({ tenant: slug }));
  const staff = useQuery(trpc.stations.listStaffOptions.queryOptions({ tenant: slug }));
  const create = useMutation(trpc.stations.create.mutationOptions());
  const update = useMutation(trpc.stations.update.mutationOptions());
  const f = useServerForm(ZStationForm, {
    defaultValues: initialValues(localDate(timeZone), station),
    onSubmit: async (v) => {
      if (station) await update.mutateAsync({ tenant: slug, id: station.id, ...v });
      else await create.mutateAsync({ tenant: slug, ...v });
      await onDone();
    },
  });
  const exceptions = useFieldArray({ control: f.form.control, name: 'exceptions' });
  const v = f.form.watch();
  const err = f.errorUnder;
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-5" data-testid="station-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('form.name')} required {...f.field('name')} />
        <TextField label={t('form.place')} placeholder={t('form.placePlaceholder')} {...f.field('place')} />
        <TextField label={t('form.openedOn')} type="date" hint={t('form.openedOnHint')} {...f.field('openedOn')} />
      </div>
      <div className="rounded-lg border border-gray-200 p-3">
        <CommunityCheckboxes
          legend={t('form.communities')}
          value={v.communityIds}
          error={err('communityIds')}
          onChange={(ids) => setFields(f.form, { communityIds: ids })}
        />
      </div>
      <fieldset className="rounded-lg border border-gray-200 p-3">
        <legend className="px-1 text-sm font-medium text-gray-700">{t('form.weeklyHours')}</legend>
        <p className="mb-2 text-xs text-gray-500">{t('form.hoursHint', { timeZone })}</p>
        <div className="grid gap-2 sm:grid-cols-2">
          {WEEKDAYS.map((d) => (
            <TextField
              key={d}
              label={t(`weekdays.${d}`)}
              placeholder={t('closedDay')}
              {...f.form.register(`hours.${d}`)}
              error={err(`hours.${d}`) ?? err(`weeklyHours.${d}`)}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="rounded-lg border border-gray-200 p-3">
        <legend className="px-1 text-sm font-medium text-gray-700">{t('form.exceptions')}</legend>
        <p className="mb-2 text-xs text-gray-500">{t('form.exceptionsHint')}</p>
        {exceptions.fields.map((row, i) => (
          <div key={row.id} className="mb-2 grid gap-2 sm:grid-cols-[11rem_1fr_auto] sm:items-end">
            <TextField label={t('form.exceptionDate')} type="date" {...f.form.register(`exceptions.${i}.date`)} error={err(`exceptions.${i}.date`)} />
            <TextField
              label={t('form.exceptionHours')}
              placeholder={t('closedDay')}
              {...f.form.register(`exceptions.${i}.hours`)}
              error={err(`exceptions.${i}.hours`)}
            />
            <Button size="sm" variant="ghost" onClick={() => exceptions.remove(i)}>
              {t('form.removeException')}
            </Button>
          </div>
        ))}
        {!exceptions.fields.some((_, i) => err(`exceptions.${i}`)) && err('exceptions') && <p className="mb-2 text-xs text-red-600">{err('exceptions')}</p>}
        <Button size="sm" variant="secondary" onClick={() => exceptions.append({ date: '', hours: '' })}>
          {t('form.addException')}
        </Button>
      </fieldset>
      <div className="space-y-4 rounded-lg border border-gray-200 p-3">
        <Checks
          legend={t('form.items')}
          testId="station-items"
          options={(items.data ?? []).map((i) => ({ id: i.id, label: i.name }))}
          value={v.itemIds}
          onChange={(ids) => setFields(f.form, { itemIds: ids })}
        />
        <Checks
          legend={t('form.staff')}
          options={(staff.data ?? []).map((m) => ({ id: m.id, label: m.name }))}
          value={v.staffIds}
          onChange={(ids) => setFields(f.form, { staffIds: ids })}
        />
        {staff.data?.length === 0 && <p className="text-xs text-gray-500">{t('form.noStaff')}</p>}
        {err('staffIds') && <p className="text-xs text-red-600">{err('staffIds')}</p>}
        <Checks
          legend={t('form.elements')}
          testId="station-elements"
          options={elements.map((e) => ({ id: e.key, label: e.name }))}
          value={v.elementKeys}
          onChange={(keys) => setFields(f.form, { elementKeys: keys })}
        />
      </div>
      <FormActions submitLabel={station ? t('form.save') : t('form.create')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}
