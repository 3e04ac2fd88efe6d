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
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { UnitResidents } from '@/components/residents/unit-residents';
import { PayerAccount } from '@/components/payments/payer-account';
import { UnitStatusBadge } from './unit-status-badge';
import { UnitEditForm } from './unit-form';
import { useServerError } from '@/components/forms/use-server-error';

type Unit = RouterOutputs['property']['getUnit'];

export function UnitDetail({ initial }: { initial: Unit }) {
  const t = useTranslations('units');
  const tc = useTranslations('common');
  const { slug, role } = useTenant();
  const writer = can(role, 'register.write');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: u } = useQuery({ ...trpc.property.getUnit.queryOptions({ tenant: slug, id: initial.id }), initialData: initial });
  const [editing, setEditing] = useState(false);
  const archive = useMutation(trpc.property.archiveUnit.mutationOptions());
  const action = useServerError();

  const toggleArchived = () =>
    action.run(async () => {
      await archive.mutateAsync({ tenant: slug, id: u.id, archived: !u.archived });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
    });

  return (
    <div className="space-y-5">
      <PageHeader
        back={
          <Link href={`/${slug}/units?communityId=${u.community.id}`} className="text-brand-700 hover:underline">
            ← {t('title')}
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {t('heading', { community: u.community.name, building: u.building.name, label: u.label })}
            {u.archived && <Badge>{tc('archived')}</Badge>}
          </span>
        }
        actions={
          writer && (
            <>
              {!u.archived && (
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  {tc('edit')}
                </Button>
              )}
              <Button variant={u.archived ? 'secondary' : 'danger'} onClick={toggleArchived} pending={archive.isPending}>
                {u.archived ? tc('restore') : tc('archive')}
              </Button>
            </>
          )
        }
      />
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <Card title={t('details')}>
        <DetailList
          items={[
            {
              label: t('columns.community'),
              value: (
                <Link href={`/${slug}/communities/${u.community.id}`} className="text-brand-700 hover:underline">
                  {u.community.name}
                </Link>
              ),
            },
            { label: t('columns.building'), value: u.building.name },
            { label: t('form.entrance'), value: u.entrance || '—' },
            { label: t('form.number'), value: u.number },
            { label: t('columns.floor'), value: u.floor },
            { label: t('columns.area'), value: `${u.area} m²` },
            { label: t('columns.status'), value: <UnitStatusBadge status={u.status} /> },
            { label: t('form.billingStart'), value: u.billingStart ?? t('billingStartNone') },
          ]}
        />
      </Card>
      <UnitResidents unitId={u.id} unitArchived={u.archived} residents={u.residents} />
      {can(role, 'fees.read') && <PayerAccount payer={{ kind: 'UNIT', id: u.id }} />}
      <Dialog open={editing} onClose={() => setEditing(false)} title={t('edit')} wide>
        {editing && <UnitEditForm unit={u} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />}
      </Dialog>
    </div>
  );
}
