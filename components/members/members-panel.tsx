'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { Role } from '@/server/db/generated/enums';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { Td, Th } from '@/components/ui/table';
import { ListShell } from '@/components/list/list-shell';
import { ChoiceFilter } from '@/components/list/list-filters';
import { parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';
import { Dialog } from '@/components/ui/dialog';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { Card, PageHeader } from '@/components/ui/card';
import { InviteForm, STAFF_ROLES } from './invite-form';
import { StaffDutiesForm } from './staff-duties-form';
import { useServerError } from '@/components/forms/use-server-error';

type Member = RouterOutputs['members']['list'][number];
// Residents with a sign-in are members too; there may be thousands, so staff come first.
const FILTERS = { who: parseAsStringLiteral(['staff', 'residents', 'all'] as const).withDefault('staff') };

export function MembersPanel({ currentUserEmail }: { currentUserEmail: string }) {
  const t = useTranslations('members');
  const tc = useTranslations('common');
  const tRole = useTranslations('enums.role');
  const tStatus = useTranslations('enums.memberStatus');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [inviting, setInviting] = useState(false);
  const [dutiesOf, setDutiesOf] = useState<Member | null>(null);
  const list = useListQuery(FILTERS);
  const { who } = list.values;
  const members = useQuery(trpc.members.list.queryOptions({ tenant: slug }));
  const invitations = useQuery(trpc.members.listInvitations.queryOptions({ tenant: slug }));
  const update = useMutation(trpc.members.update.mutationOptions());
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions());
  const action = useServerError();

  const shown = members.data?.filter((m) => who === 'all' || (who === 'residents') === (m.role === 'RESIDENT'));

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.members.listInvitations.queryKey() }),
    ]);
  const change = (m: Member, patch: { role?: Role; status?: 'ACTIVE' | 'DISABLED' }) =>
    action.run(async () => {
      await update.mutateAsync({ tenant: slug, id: m.id, ...patch });
      await refresh();
    });
  const withdraw = (id: string) =>
    action.run(async () => {
      await revoke.mutateAsync({ tenant: slug, id });
      await refresh();
    });

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} description={t('description')} actions={<Button onClick={() => setInviting(true)}>{t('inviteButton')}</Button>} />
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <ListShell
        list={list}
        query={members}
        rows={shown}
        caption={t('title')}
        filterGrid="md:grid-cols-[12rem]"
        filters={
          <ChoiceFilter
            label={t('show')}
            all={t('showStaff')}
            value={who === 'staff' ? '' : who}
            onChange={(v) => list.setFilter('who', v ?? 'staff')}
            choices={[
              { value: 'residents' as const, label: t('showResidents') },
              { value: 'all' as const, label: t('showAll') },
            ]}
          />
        }
        head={
          <>
            <Th>{t('columns.name')}</Th>
            <Th>{t('columns.email')}</Th>
            <Th>{t('columns.role')}</Th>
            <Th>{t('columns.duties')}</Th>
            <Th>{t('columns.status')}</Th>
            <Th>{t('columns.joined')}</Th>
            <Th className="text-right">{tc('actions')}</Th>
          </>
        }
        rowKey={(m) => m.id}
        rowState={(m) => (m.status === 'DISABLED' ? 'dimmed' : undefined)}
        empty={tc('noMatches')}
        cells={(m) => {
          const self = m.email === currentUserEmail;
          return (
            <>
              <Td className="font-medium whitespace-nowrap">
                {m.name}
                {self && <span className="ml-1 text-xs text-gray-500">{t('you')}</span>}
              </Td>
              <Td className="break-all">{m.email ?? m.phone}</Td>
              <Td>
                {m.role === 'RESIDENT' ? (
                  <Badge tone="blue">{tRole('RESIDENT')}</Badge>
                ) : (
                  <>
                    <label htmlFor={`role-${m.id}`} className="sr-only">
                      {t('roleOf', { name: m.name })}
                    </label>
                    <Select
                      id={`role-${m.id}`}
                      value={m.role}
                      disabled={update.isPending}
                      onChange={(e) => change(m, { role: e.target.value as Role })}
                      className="h-8 w-36 text-sm"
                    >
                      {STAFF_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {tRole(r)}
                        </option>
                      ))}
                    </Select>
                  </>
                )}
              </Td>
              <Td className="min-w-40">
                {m.role === 'STAFF' && (
                  <div className="flex flex-wrap items-center gap-1" data-testid="staff-duties">
                    {m.dispatcher && <Badge tone="amber">{t('duties.dispatcherBadge')}</Badge>}
                    {m.skills.map((s) => (
                      <Badge key={s}>{s}</Badge>
                    ))}
                    <Button variant="ghost" size="sm" onClick={() => setDutiesOf(m)} aria-label={t('duties.editOf', { name: m.name })}>
                      {t('duties.edit')}
                    </Button>
                  </div>
                )}
              </Td>
              <Td>
                <Badge tone={m.status === 'ACTIVE' ? 'green' : 'gray'}>{tStatus(m.status)}</Badge>
              </Td>
              <Td className="whitespace-nowrap text-gray-600">{time.date(m.createdAt)}</Td>
              <Td className="text-right whitespace-nowrap">
                <Button variant="ghost" size="sm" onClick={() => change(m, { status: m.status === 'ACTIVE' ? 'DISABLED' : 'ACTIVE' })}>
                  {m.status === 'ACTIVE' ? t('disable') : t('enable')}
                </Button>
              </Td>
            </>
          );
        }}
      />

      <Card title={t('pending.title')}>
        <ListShell
          query={invitations}
          caption={t('pending.title')}
          head={
            <>
              <Th>{t('columns.name')}</Th>
              <Th>{t('columns.email')}</Th>
              <Th>{t('columns.role')}</Th>
              <Th>{t('pending.invitedAt')}</Th>
              <Th>{t('pending.expiresAt')}</Th>
              <Th className="text-right">{tc('actions')}</Th>
            </>
          }
          rowKey={(i) => i.id}
          rowState={(i) => (i.expired ? 'dimmed' : undefined)}
          empty={t('pending.empty')}
          cells={(i) => (
            <>
              <Td className="font-medium whitespace-nowrap">{i.name}</Td>
              <Td className="break-all">{i.email}</Td>
              <Td>{tRole(i.role)}</Td>
              <Td className="whitespace-nowrap text-gray-600">{time.dateTime(i.createdAt)}</Td>
              <Td className="whitespace-nowrap">{i.expired ? <Badge tone="red">{t('pending.expired')}</Badge> : time.date(i.expiresAt)}</Td>
              <Td className="text-right">
                <Button variant="ghost" size="sm" onClick={() => withdraw(i.id)}>
                  {t('pending.revoke')}
                </Button>
              </Td>
            </>
          )}
        />
        <p className="mt-3 text-xs text-gray-500">{t('pending.hint')}</p>
      </Card>

      <Dialog open={inviting} onClose={() => setInviting(false)} title={t('invite.title')}>
        {inviting && <InviteForm onClose={() => setInviting(false)} />}
      </Dialog>
      <Dialog open={!!dutiesOf} onClose={() => setDutiesOf(null)} title={t('duties.title')}>
        {dutiesOf && <StaffDutiesForm member={dutiesOf} onClose={() => setDutiesOf(null)} />}
      </Dialog>
    </div>
  );
}
