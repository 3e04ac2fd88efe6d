'use client';
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { localDate } from '@/server/shared/calendar';
import { ZMeterForm, ZRecordReadingForm } from '@/server/shared/schemas/billing';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useRefreshWithBilling } from '@/components/billing/use-refresh-with-billing';
import { useTenant } from '@/components/tenant/tenant-context';
import { Card, PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { Checkbox } from '@/components/ui/input';
import { SelectField, TextField } from '@/components/ui/field';
import { ActionsTh, ArchiveToggle, archivedRow, ListShell } from '@/components/list/list-shell';
import { ArchivedBadge, ArchivedFilter, ChoiceFilter, CommunityFilter } from '@/components/list/list-filters';
import { parseAsBoolean, parseAsString, useListQuery } from '@/components/list/use-list-query';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { FormActions } from '@/components/forms/form-actions';
import { UnitPicker } from '@/components/units/unit-picker';
import { ReadingsImport } from './readings-import';
import { useServerError } from '@/components/forms/use-server-error';

/** The meters list's URL (a fee item links here with ?feeItemId=…). */
const FILTERS = { communityId: parseAsString, feeItemId: parseAsString, includeArchived: parseAsBoolean.withDefault(false) };
type Meter = RouterOutputs['meters']['list']['rows'][number];

/** 抄表: meters of metered fee items, one reading per period, typed in or imported from CSV. */
export function MetersPanel() {
  const t = useTranslations('fees.meters');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const items = useQuery(trpc.feeItems.list.queryOptions({ tenant: slug, calc: 'METERED' }));
  const list = useListQuery(FILTERS);
  const { feeItemId } = list.values;
  const [creating, setCreating] = useState(false);
  const [reading, setReading] = useState<Meter | null>(null);
  const [history, setHistory] = useState<Meter | null>(null);
  const query = useQuery({
    ...trpc.meters.list.queryOptions({
      tenant: slug,
      communityId: list.input.communityId,
      feeItemId: list.input.feeItemId,
      includeArchived: list.values.includeArchived,
      page: list.page,
      pageSize: list.pageSize,
    }),
    placeholderData: keepPreviousData,
  });
  const archive = useMutation(trpc.meters.archive.mutationOptions());
  const action = useServerError();

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} description={t('description')} actions={<Button onClick={() => setCreating(true)}>{t('new')}</Button>} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        filterGrid="md:grid-cols-[14rem_14rem_auto]"
        filters={
          <>
            <CommunityFilter
              label={t('community')}
              all={t('allCommunities')}
              value={list.values.communityId}
              onChange={(id) => list.setFilter('communityId', id)}
            />
            <ChoiceFilter
              label={t('feeItem')}
              all={t('allItems')}
              value={feeItemId}
              onChange={(id) => list.setFilter('feeItemId', id)}
              choices={(items.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
            />
            <ArchivedFilter checked={list.values.includeArchived} onChange={(v) => list.setFilter('includeArchived', v)} />
          </>
        }
        actionError={action.error}
        head={
          <>
            <Th>{t('columns.unit')}</Th>
            <Th>{t('columns.feeItem')}</Th>
            <Th>{t('columns.serial')}</Th>
            <Th>{t('columns.last')}</Th>
            <ActionsTh />
          </>
        }
        rowKey={(m) => m.id}
        rowTestId="meter-row"
        rowState={archivedRow}
        empty={t('empty')}
        noMatches={t('empty')}
        cells={(m) => (
          <>
            <Td className="font-medium whitespace-nowrap">
              {m.unit.label}
              <ArchivedBadge archived={m.archived} />
            </Td>
            <Td className="whitespace-nowrap">{m.feeItem.name}</Td>
            <Td className="whitespace-nowrap">{m.serial || '—'}</Td>
            <Td className="whitespace-nowrap tabular-nums">
              {m.lastReading ? t('lastReading', { period: m.lastReading.period, reading: m.lastReading.reading, day: m.lastReading.readOn }) : t('noReading')}
            </Td>
            <Td className="whitespace-nowrap">
              <span className="flex justify-end gap-1">
                {!m.archived && (
                  <Button size="sm" onClick={() => setReading(m)}>
                    {t('enterReading')}
                  </Button>
                )}
                <Button size="sm" variant="ghost" onClick={() => setHistory(m)}>
                  {t('history')}
                </Button>
                <ArchiveToggle
                  archived={m.archived}
                  onToggle={() =>
                    action.run(async () => {
                      await archive.mutateAsync({ tenant: slug, id: m.id, archived: !m.archived });
                      await queryClient.invalidateQueries({ queryKey: trpc.meters.list.pathKey() });
                    })
                  }
                />
              </span>
            </Td>
          </>
        )}
      />
      <Card title={t('import.title')}>
        <ReadingsImport />
      </Card>
      <Dialog open={creating} onClose={() => setCreating(false)} title={t('new')} wide>
        {creating && <MeterForm items={(items.data ?? []).filter((f) => !f.archived)} onDone={() => setCreating(false)} />}
      </Dialog>
      <Dialog
        open={!!reading}
        onClose={() => setReading(null)}
        title={t('readingTitle', { unit: reading?.unit.label ?? '', item: reading?.feeItem.name ?? '' })}
      >
        {reading && <ReadingForm meter={reading} onDone={() => setReading(null)} />}
      </Dialog>
      <Dialog
        open={!!history}
        onClose={() => setHistory(null)}
        title={t('historyTitle', { unit: history?.unit.label ?? '', item: history?.feeItem.name ?? '' })}
        wide
      >
        {history && <ReadingHistory meterId={history.id} />}
      </Dialog>
    </div>
  );
}

function MeterForm({ items, onDone }: { items: { id: string; name: string }[]; onDone: () => void }) {
  const t = useTranslations('fees.meters');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshWithBilling('meters');
  const [unit, setUnit] = useState<{ id: string; label: string } | null>(null);
  const create = useMutation(trpc.meters.create.mutationOptions());
  const f = useServerForm(ZMeterForm, {
    defaultValues: { unitId: '', feeItemId: items[0]?.id ?? '', serial: '' },
    onSubmit: async (values) => {
      await create.mutateAsync({ tenant: slug, ...values });
      await refresh();
      onDone();
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      {items.length === 0 && <Alert tone="warning">{t('form.noMeteredItems')}</Alert>}
      <UnitPicker
        label={t('form.unit')}
        required
        value={unit}
        onChange={(u) => {
          setUnit(u);
          f.form.setValue('unitId', u?.id ?? '', { shouldDirty: true, shouldValidate: f.form.formState.isSubmitted });
        }}
        error={f.errors.fieldError('unitId')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t('form.feeItem')} required {...f.field('feeItemId')}>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('form.serial')} {...f.field('serial')} />
      </div>
      <FormActions submitLabel={t('form.create')} pending={f.pending} onCancel={onDone} />
    </ServerForm>
  );
}

function ReadingForm({ meter, onDone }: { meter: Meter; onDone: () => void }) {
  const t = useTranslations('fees.meters');
  const { slug, timeZone } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshWithBilling('meters');
  const today = localDate(timeZone);
  const [done, setDone] = useState<string | null>(null);
  const record = useMutation(trpc.meters.recordReading.mutationOptions());
  const f = useServerForm(ZRecordReadingForm, {
    defaultValues: { period: today.slice(0, 7), reading: '', readOn: today, replaced: false, oldFinal: '', newStart: '0' },
    onSubmit: async (values) => {
      const r = await record.mutateAsync({ tenant: slug, meterId: meter.id, ...values });
      await refresh();
      setDone(r.consumption === null ? t('form.baseline') : t('form.consumption', { used: r.consumption }));
    },
  });
  const replaced = f.form.watch('replaced');
  if (done)
    return (
      <div className="space-y-4">
        <Alert tone="success">{done}</Alert>
        <div className="flex justify-end">
          <Button onClick={onDone}>{t('form.close')}</Button>
        </div>
      </div>
    );
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      {meter.lastReading && (
        <p className="text-sm text-gray-600">
          {t('lastReading', { period: meter.lastReading.period, reading: meter.lastReading.reading, day: meter.lastReading.readOn })}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={t('form.period')} type="month" required {...f.field('period')} />
        <TextField label={t('form.reading')} required inputMode="decimal" {...f.field('reading')} />
        <TextField label={t('form.readOn')} type="date" required max={today} {...f.field('readOn')} />
      </div>
      <Checkbox label={t('form.replaced')} {...f.form.register('replaced')} />
      {replaced && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('form.oldFinal')} inputMode="decimal" hint={t('form.oldFinalHint')} {...f.field('oldFinal')} />
          <TextField label={t('form.newStart')} inputMode="decimal" {...f.field('newStart')} />
        </div>
      )}
      <FormActions submitLabel={t('form.save')} pending={f.pending} onCancel={onDone} />
    </ServerForm>
  );
}

function ReadingHistory({ meterId }: { meterId: string }) {
  const t = useTranslations('fees.meters');
  const tc = useTranslations('common');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const q = useQuery(trpc.meters.listReadings.queryOptions({ tenant: slug, meterId }));
  return (
    <Table caption={t('history')}>
      <THead>
        <Th>{t('form.period')}</Th>
        <Th className="text-right">{t('form.reading')}</Th>
        <Th className="text-right">{t('used')}</Th>
        <Th>{t('form.readOn')}</Th>
        <Th>{t('replacement')}</Th>
      </THead>
      <TBody>
        {q.isPending && <TableMessage colSpan={5}>{tc('loading')}</TableMessage>}
        {q.data?.length === 0 && <TableMessage colSpan={5}>{t('noReading')}</TableMessage>}
        {q.data?.map((r) => (
          <Tr key={r.id}>
            <Td className="tabular-nums">{r.period}</Td>
            <Td className="text-right tabular-nums">{r.reading}</Td>
            <Td className="text-right tabular-nums">{r.consumption ?? t('baselineShort')}</Td>
            <Td className="tabular-nums">{r.readOn}</Td>
            <Td className="text-sm">{r.replacement ? t('replacedLine', { oldFinal: r.replacement.oldFinal, newStart: r.replacement.newStart }) : '—'}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
