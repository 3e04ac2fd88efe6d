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
import { SelectField } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { Dialog } from '@/components/ui/dialog';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { Card, PageHeader } from '@/components/ui/card';
import { InviteForm, STAFF_ROLES } from './invite-form';
import { useServerError } from '@/components/forms/use-server-error';

type Member = RouterOutputs['company']['members'][number];

export function MembersPanel({ currentUserEmail }: { currentUserEmail: string }) {
  const t = useTranslations('members');
  const tc = useTranslations('common');
  const tRole = useTranslations('enums.role');
  const tStatus = useTranslations('enums.memberStatus');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useServerError().text;
  const [inviting, setInviting] = useState(false);
  // Residents with a sign-in are members too; there may be thousands, so staff come first.
  const [who, setWho] = useState<'staff' | 'residents' | 'all'>('staff');
  const members = useQuery(trpc.company.members.queryOptions({ tenant: slug }));
  const invitations = useQuery(trpc.company.invitations.queryOptions({ tenant: slug }));
  const update = useMutation(trpc.company.updateMember.mutationOptions());
  const revoke = useMutation(trpc.company.revokeInvitation.mutationOptions());
  const action = useServerError();

  const shown = members.data?.filter((m) => who === 'all' || (who === 'residents') === (m.role === 'RESIDENT'));

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.company.members.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.company.invitations.queryKey() }),
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
      {members.error && <Alert tone="error">{errorText(members.error)}</Alert>}
      <div className="flex items-end gap-3">
        <SelectField label={t('show')} value={who} onChange={(e) => setWho(e.target.value as typeof who)} fieldClassName="w-48">
          <option value="staff">{t('showStaff')}</option>
          <option value="residents">{t('showResidents')}</option>
          <option value="all">{t('showAll')}</option>
        </SelectField>
      </div>
      <Table caption={t('title')}>
        <THead>
          <Th>{t('columns.name')}</Th>
          <Th>{t('columns.email')}</Th>
          <Th>{t('columns.role')}</Th>
          <Th>{t('columns.status')}</Th>
          <Th>{t('columns.joined')}</Th>
          <Th className="text-right">{tc('actions')}</Th>
        </THead>
        <TBody>
          {members.isPending && <TableMessage colSpan={6}>{tc('loading')}</TableMessage>}
          {shown?.length === 0 && <TableMessage colSpan={6}>{tc('noMatches')}</TableMessage>}
          {shown?.map((m) => {
            const self = m.email === currentUserEmail;
            return (
              <Tr key={m.id} className={m.status === 'DISABLED' ? 'text-gray-500' : ''}>
                <Td className="font-medium whitespace-nowrap">
                  {m.name}
                  {self && <span className="ml-1 text-xs text-gray-500">{t('you')}</span>}
                </Td>
                <Td className="break-all">{m.email}</Td>
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
                <Td>
                  <Badge tone={m.status === 'ACTIVE' ? 'green' : 'gray'}>{tStatus(m.status)}</Badge>
                </Td>
                <Td className="whitespace-nowrap text-gray-600">{time.date(m.createdAt)}</Td>
                <Td className="text-right whitespace-nowrap">
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => change(m, { status: m.status === 'ACTIVE' ? 'DISABLED' : 'ACTIVE' })}
                  >
                    {m.status === 'ACTIVE' ? t('disable') : t('enable')}
                  </Button>
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>

      <Card title={t('pending.title')}>
        {invitations.data?.length === 0 ? (
          <p className="text-sm text-gray-500">{t('pending.empty')}</p>
        ) : (
          <Table caption={t('pending.title')}>
            <THead>
              <Th>{t('columns.name')}</Th>
              <Th>{t('columns.email')}</Th>
              <Th>{t('columns.role')}</Th>
              <Th>{t('pending.invitedAt')}</Th>
              <Th>{t('pending.expiresAt')}</Th>
              <Th className="text-right">{tc('actions')}</Th>
            </THead>
            <TBody>
              {invitations.isPending && <TableMessage colSpan={6}>{tc('loading')}</TableMessage>}
              {invitations.data?.map((i) => (
                <Tr key={i.id}>
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
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        <p className="mt-3 text-xs text-gray-500">{t('pending.hint')}</p>
      </Card>

      <Dialog open={inviting} onClose={() => setInviting(false)} title={t('invite.title')}>
        {inviting && <InviteForm onClose={() => setInviting(false)} />}
      </Dialog>
    </div>
  );
}
