'use client';
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { z } from 'zod';
import { can } from '@/server/shared/permissions';
import { ZSetStationTarget, type StationElement } from '@/server/shared/schemas/stations';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { formatRate } from '@/components/tenant/format';
import { Card, PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Dialog } from '@/components/ui/dialog';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { ArchivedFilter, CommunityFilter } from '@/components/list/list-filters';
import { parseAsBoolean, parseAsString, useListQuery } from '@/components/list/use-list-query';
import { useServerError } from '@/components/forms/use-server-error';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { useCommunityNames } from '@/components/fee-items/community-checkboxes';
import { StationCard, type Station } from './station-card';
import { StationForm } from './station-form';
import { ElementsEditor } from './elements-editor';

type Overview = RouterOutputs['stations']['getOverview'];
const FILTERS = { community: parseAsString, includeArchived: parseAsBoolean.withDefault(false) };

/** 睦宁里服务站: the company's stations, their compliance with the standard, and this year's target. */
export function StationsPanel() {
  const t = useTranslations('stations');
  const { slug, role } = useTenant();
  const manager = can(role, 'services.manage');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useListQuery(FILTERS);
  const { community, includeArchived } = list.input;
  const stations = useQuery({
    ...trpc.stations.list.queryOptions({ tenant: slug, communityId: community ?? undefined, includeArchived }),
    placeholderData: keepPreviousData,
  });
  const overview = useQuery(trpc.stations.getOverview.queryOptions({ tenant: slug }));
  const communityName = useCommunityNames();
  const errorText = useServerError().text;
  const archive = useMutation(trpc.stations.archive.mutationOptions());
  const [editing, setEditing] = useState<{ station?: Station } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.stations.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.stations.getOverview.queryKey() }),
    ]);
  const elements = overview.data?.standard.elements ?? [];

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} actions={manager && <Button onClick={() => setEditing({})}>{t('new')}</Button>} />
      {overview.data && (
        <div className="grid gap-4 lg:grid-cols-2">
          <TargetCard overview={overview.data} manager={manager} onSaved={refresh} />
          <StandardCard overview={overview.data} manager={manager} onSaved={refresh} />
        </div>
      )}
      <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-[16rem_auto]">
        <CommunityFilter label={t('community')} all={t('allCommunities')} value={list.values.community} onChange={(v) => list.setFilter('community', v)} />
        <ArchivedFilter checked={list.values.includeArchived} onChange={(v) => list.setFilter('includeArchived', v)} />
      </div>
      {(error || stations.error) && <Alert tone="error">{error ?? errorText(stations.error)}</Alert>}
      {stations.isPending && <p className="text-sm text-gray-500">{t('loading')}</p>}
      {stations.data?.length === 0 && <p className="text-sm text-gray-500">{t('empty')}</p>}
      <div className="grid gap-4" data-testid="stations-list">
        {stations.data?.map((s) => (
          <StationCard
            key={s.id}
            station={s}
            communityName={communityName}
            extra={<Compliance station={s} elements={elements} />}
            actions={
              manager && (
                <>
                  <Button size="sm" variant="secondary" onClick={() => setEditing({ station: s })}>
                    {t('edit')}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={async () => {
                      setError(null);
                      try {
                        await archive.mutateAsync({ tenant: slug, id: s.id, archived: !s.archived });
                        await refresh();
                      } catch (e) {
                        setError(errorText(e));
                      }
                    }}
                  >
                    {s.archived ? t('restore') : t('archive')}
                  </Button>
                </>
              )
            }
          />
        ))}
      </div>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing?.station ? t('edit') : t('new')} wide>
        {editing && (
          <StationForm
            station={editing.station}
            elements={elements}
            onDone={async () => {
              await refresh();
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </div>
  );
}

/** Item by item: which elements of the standard the station offers, which it misses, and the share. */
function Compliance({ station, elements }: { station: Station; elements: StationElement[] }) {
  const t = useTranslations('stations');
  const locale = useLocale();
  const offered = new Set(station.compliance.offered);
  if (elements.length === 0) return null;
  return (
    <div className="mt-3 border-t border-gray-100 pt-3" data-testid="station-compliance">
      <p className="mb-1 text-xs font-medium tracking-wide text-gray-500 uppercase">
        {t('compliance', { share: formatRate(station.compliance.share, locale), offered: station.compliance.offered.length, total: elements.length })}
      </p>
      <ul className="flex flex-wrap gap-1.5">
        {elements.map((e) => (
          <li key={e.key} title={e.description}>
            <Badge tone={offered.has(e.key) ? 'green' : 'amber'}>
              {offered.has(e.key) ? '✓' : '✗'} {e.name}
              <span className="sr-only"> {offered.has(e.key) ? t('elementOffered') : t('elementMissing')}</span>
            </Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TargetCard({ overview, manager, onSaved }: { overview: Overview; manager: boolean; onSaved: () => Promise<unknown> }) {
  const t = useTranslations('stations.target');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const save = useMutation(trpc.stations.setTarget.mutationOptions());
  const { year, target, opened } = overview.progress;
  const share = target ? Math.min(1, opened / target) : null;
  const f = useServerForm(
    ZSetStationTarget.extend({
      target: z
        .string()
        .transform((s) => (s.trim() === '' ? Number.NaN : Number(s.trim())))
        .pipe(ZSetStationTarget.shape.target),
    }),
    {
      defaultValues: { year, target: target != null ? String(target) : '' },
      onSubmit: async (v) => {
        await save.mutateAsync({ tenant: slug, year: v.year, target: v.target });
        await onSaved();
      },
    },
  );
  return (
    <Card title={t('title', { year })} data-testid="station-target">
      <p className="text-2xl font-semibold text-gray-900 tabular-nums">
        {target != null ? t('progress', { opened, target }) : t('openedNoTarget', { opened })}
      </p>
      {share !== null && (
        <div
          className="mt-2 h-2 w-full overflow-hidden rounded bg-gray-100"
          role="progressbar"
          aria-label={t('title', { year })}
          aria-valuemin={0}
          aria-valuemax={target!}
          aria-valuenow={opened}
        >
          <div className="h-2 bg-brand-600" style={{ width: `${share * 100}%` }} />
        </div>
      )}
      <p className="mt-1 text-xs text-gray-500">{t('explain')}</p>
      {manager && (
        <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="mt-3 flex flex-wrap items-end gap-2">
          <TextField label={t('target', { year })} inputMode="numeric" fieldClassName="w-40" {...f.field('target')} />
          <Button type="submit" size="sm" pending={f.pending}>
            {t('save')}
          </Button>
        </ServerForm>
      )}
    </Card>
  );
}

function StandardCard({ overview, manager, onSaved }: { overview: Overview; manager: boolean; onSaved: () => Promise<unknown> }) {
  const t = useTranslations('stations.standard');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const save = useMutation(trpc.stations.setStandard.mutationOptions());
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { standard } = overview;
  const set = async (ownElements: StationElement[] | null) => {
    setError(null);
    try {
      await save.mutateAsync({ tenant: slug, ownElements });
      await onSaved();
      setEditing(false);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Card title={t('title')} data-testid="station-standard">
      <p className="text-sm text-gray-700">{standard.source === 'city' ? t('usesCity', { name: standard.name }) : t('usesOwn')}</p>
      <ul className="mt-2 space-y-1 text-sm">
        {standard.elements.map((e) => (
          <li key={e.key}>
            <span className="font-medium text-gray-900">{e.name}</span>
            {e.description && <span className="text-gray-500"> — {e.description}</span>}
          </li>
        ))}
      </ul>
      {error && (
        <Alert tone="error" className="mt-2">
          {error}
        </Alert>
      )}
      {manager && (
        <div className="mt-3 flex flex-wrap gap-2">
          {standard.source === 'own' ? (
            <Button size="sm" variant="secondary" pending={save.isPending} onClick={() => set(null)}>
              {t('adoptCity')}
            </Button>
          ) : null}
          <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
            {standard.source === 'own' ? t('editOwn') : t('makeOwn')}
          </Button>
        </div>
      )}
      <Dialog open={editing} onClose={() => setEditing(false)} title={t('ownTitle')} wide>
        {editing && <ElementsEditor initial={standard.elements} submitLabel={t('saveOwn')} onSave={(els) => set(els)} onCancel={() => setEditing(false)} />}
      </Dialog>
    </Card>
  );
}
