'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { ZAddHouseholdMemberForm } from '@/server/shared/schemas/my-household';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { useServerError } from '@/components/forms/use-server-error';

type Home = RouterOutputs['myHousehold']['getHousehold'][number];

/** A resident's homes and the people on each; the owner adds and removes household members. Made for a phone. */
export function MyHousehold() {
  const t = useTranslations('myHousehold');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const homes = useQuery(trpc.myHousehold.getHousehold.queryOptions({ tenant: slug }));
  const action = useServerError();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-lg font-semibold text-gray-900">{t('title')}</h1>
      <p className="text-sm text-gray-600">{t('intro')}</p>
      {homes.error && <Alert tone="error">{action.text(homes.error)}</Alert>}
      {homes.data?.length === 0 && <p className="text-sm text-gray-500">{t('none')}</p>}
      {homes.data?.map((h) => (
        <HomeCard key={h.unitId} home={h} />
      ))}
    </div>
  );
}

function HomeCard({ home }: { home: Home }) {
  const t = useTranslations('myHousehold');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const action = useServerError();
  const remove = useMutation(trpc.myHousehold.removeMember.mutationOptions());
  const [added, setAdded] = useState<{ name: string; phone: string } | null>(null);
  const add = useMutation(trpc.myHousehold.addMember.mutationOptions());
  const f = useServerForm(ZAddHouseholdMemberForm, {
    defaultValues: { name: '', phone: '' },
    onSubmit: async (values) => {
      const m = await add.mutateAsync({ tenant: slug, unitId: home.unitId, ...values });
      setAdded({ name: m.name, phone: m.phone });
      f.form.reset({ name: '', phone: '' });
      await queryClient.invalidateQueries({ queryKey: trpc.myHousehold.pathKey() });
    },
  });
  const label = [home.community, home.building, home.entrance, home.number].filter(Boolean).join(' ');

  const onRemove = (m: Home['members'][number]) => {
    if (!window.confirm(t('removeConfirm', { name: m.name }))) return;
    void action.run(async () => {
      await remove.mutateAsync({ tenant: slug, id: m.id });
      await queryClient.invalidateQueries({ queryKey: trpc.myHousehold.pathKey() });
    });
  };

  return (
    <section className="space-y-3 rounded-xl border border-gray-200 bg-white p-4 shadow-sm" data-testid="household-home">
      <h2 className="font-medium text-gray-900">{label}</h2>
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <ul className="divide-y divide-gray-100">
        {home.members.map((m) => (
          <li key={m.id} className="flex items-center justify-between gap-3 py-2 text-sm">
            <div className="min-w-0">
              <p className="font-medium text-gray-900">
                {m.name} {m.me && <span className="text-gray-500">（{t('me')}）</span>}
              </p>
              <p className="text-xs text-gray-500 tabular-nums">{m.phone}</p>
            </div>
            <div className="flex shrink-0 items-center gap-2">
              <Badge tone={m.kind === 'OWNER' ? 'green' : 'gray'}>{m.kind === 'OWNER' ? t('owner') : t('occupant')}</Badge>
              <span className="hidden text-xs text-gray-500 sm:inline">{m.signedIn ? t('signedIn') : t('notYet')}</span>
              {home.canManage && m.kind === 'OCCUPANT' && !m.me && (
                <Button size="sm" variant="ghost" onClick={() => onRemove(m)} pending={remove.isPending}>
                  {t('remove')}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {home.canManage ? (
        <div className="border-t border-gray-100 pt-3">
          <h3 className="mb-2 text-sm font-medium text-gray-700">{t('add')}</h3>
          {added && (
            <Alert tone="success" className="mb-3">
              {t('added', added)}
            </Alert>
          )}
          <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-3">
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField label={t('name')} required autoComplete="off" {...f.field('name')} />
              <TextField label={t('phone')} required type="tel" inputMode="tel" autoComplete="off" {...f.field('phone')} />
            </div>
            <Button type="submit" className="w-full sm:w-auto" pending={f.pending}>
              {t('submit')}
            </Button>
          </ServerForm>
        </div>
      ) : (
        <p className="text-xs text-gray-500">{t('ownerOnly')}</p>
      )}
    </section>
  );
}
