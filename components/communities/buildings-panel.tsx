'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Card } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Td, Th } from '@/components/ui/table';
import { Dialog } from '@/components/ui/dialog';
import { Alert } from '@/components/ui/alert';
import { ArchiveToggle, archivedRow, ListShell } from '@/components/list/list-shell';
import { ArchivedBadge, ArchivedFilter } from '@/components/list/list-filters';
import { parseAsBoolean, useListQuery } from '@/components/list/use-list-query';
import { BuildingForm } from './building-form';
import { GenerateUnitsForm } from './generate-units-form';
import { useServerError } from '@/components/forms/use-server-error';

type Building = RouterOutputs['property']['listBuildings'][number];
/** In the community page's URL as buildings.includeArchived. */
const FILTERS = { includeArchived: parseAsBoolean.withDefault(false) };

export function BuildingsPanel({ communityId, communityArchived }: { communityId: string; communityArchived: boolean }) {
  const t = useTranslations('communities.buildings');
  const tc = useTranslations('common');
  const { slug, role } = useTenant();
  const writer = can(role, 'register.write');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useListQuery(FILTERS, { prefix: 'buildings' });
  const { includeArchived } = list.values;
  const [renaming, setRenaming] = useState<Building | null>(null);
  const [generating, setGenerating] = useState<Building | null>(null);
  const [generated, setGenerated] = useState<{ building: string; count: number } | null>(null);
  const tg = useTranslations('communities.generate');
  const query = useQuery(trpc.property.listBuildings.queryOptions({ tenant: slug, communityId, includeArchived }));
  const archive = useMutation(trpc.property.archiveBuilding.mutationOptions());
  const action = useServerError();

  const setArchived = (b: Building, archived: boolean) =>
    action.run(async () => {
      await archive.mutateAsync({ tenant: slug, id: b.id, archived });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
    });

  return (
    <Card title={t('title')} actions={<ArchivedFilter checked={includeArchived} onChange={(v) => list.setFilter('includeArchived', v)} />}>
      {writer && !communityArchived && <BuildingForm communityId={communityId} />}
      {generated && (
        <Alert tone="success" className="mb-4" data-testid="generate-done">
          {tg('done', generated)}
        </Alert>
      )}
      <ListShell
        query={query}
        caption={t('title')}
        actionError={action.error}
        head={
          <>
            <Th>{t('name')}</Th>
            <Th className="text-right">{t('units')}</Th>
            {writer && <Th className="text-right">{tc('actions')}</Th>}
          </>
        }
        rowKey={(b) => b.id}
        rowState={archivedRow}
        empty={t('empty')}
        cells={(b) => (
          <>
            <Td className="font-medium">
              {b.name}
              <ArchivedBadge archived={b.archived} />
            </Td>
            <Td className="text-right tabular-nums">
              <Link href={`/${slug}/units?communityId=${communityId}&buildingId=${b.id}`} className="text-brand-700 hover:underline">
                {b.units}
              </Link>
            </Td>
            {writer && (
              <Td className="text-right whitespace-nowrap">
                {!b.archived && !communityArchived && (
                  <Button variant="ghost" size="sm" onClick={() => setGenerating(b)} aria-label={tg('openLabel', { building: b.name })}>
                    {tg('open')}
                  </Button>
                )}
                <Button variant="ghost" size="sm" onClick={() => setRenaming(b)}>
                  {t('rename')}
                </Button>
                <ArchiveToggle archived={b.archived} onToggle={() => setArchived(b, !b.archived)} />
              </Td>
            )}
          </>
        )}
      />
      <Dialog open={renaming !== null} onClose={() => setRenaming(null)} title={t('renameTitle')}>
        {renaming && (
          <BuildingForm key={renaming.id} communityId={communityId} building={renaming} onDone={() => setRenaming(null)} onCancel={() => setRenaming(null)} />
        )}
      </Dialog>
      <Dialog open={generating !== null} onClose={() => setGenerating(null)} title={tg('title', { building: generating?.name ?? '' })} wide>
        {generating && (
          <GenerateUnitsForm
            key={generating.id}
            building={generating}
            onDone={(count) => {
              setGenerated({ building: generating.name, count });
              setGenerating(null);
            }}
            onCancel={() => setGenerating(null)}
          />
        )}
      </Dialog>
    </Card>
  );
}
