'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Card, DetailList, PageHeader } from '@/components/ui/card';
import { Button, ButtonLink } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { CommunityForm } from './community-form';
import { BuildingsPanel } from './buildings-panel';
import { useServerError } from '@/components/forms/use-server-error';

type Community = RouterOutputs['property']['getCommunity'];

export function CommunityDetail({ initial }: { initial: Community }) {
  const t = useTranslations('communities');
  const tc = useTranslations('common');
  const { slug, role } = useTenant();
  const writer = can(role, 'register.write');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: c } = useQuery({ ...trpc.property.getCommunity.queryOptions({ tenant: slug, id: initial.id }), initialData: initial });
  const [editing, setEditing] = useState(false);
  const archive = useMutation(trpc.property.archiveCommunity.mutationOptions());
  const action = useServerError();

  const toggleArchived = () =>
    action.run(async () => {
      await archive.mutateAsync({ tenant: slug, id: c.id, archived: !c.archived });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
    });

  return (
    <div className="space-y-5">
      <PageHeader
        back={
          <Link href={`/${slug}/communities`} className="text-brand-700 hover:underline">
            ← {t('title')}
          </Link>
        }
        title={
          <span className="flex items-center gap-2">
            {c.name}
            {c.archived && <Badge>{tc('archived')}</Badge>}
          </span>
        }
        actions={
          <>
            <ButtonLink href={`/${slug}/units?communityId=${c.id}`} variant="secondary">
              {t('viewUnits')}
            </ButtonLink>
            {writer && (
              <>
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  {tc('edit')}
                </Button>
                <Button variant={c.archived ? 'secondary' : 'danger'} onClick={toggleArchived} pending={archive.isPending}>
                  {c.archived ? tc('restore') : tc('archive')}
                </Button>
              </>
            )}
          </>
        }
      />
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <Card title={t('details')}>
        <DetailList
          items={[
            { label: t('form.name'), value: c.name },
            { label: t('form.district'), value: c.district || '—' },
            { label: t('form.address'), value: c.address || '—' },
          ]}
        />
      </Card>
      <BuildingsPanel communityId={c.id} communityArchived={c.archived} />
      <Dialog open={editing} onClose={() => setEditing(false)} title={t('edit')}>
        {editing && <CommunityForm community={c} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />}
      </Dialog>
    </div>
  );
}
