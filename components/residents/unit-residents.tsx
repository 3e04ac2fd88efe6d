'use client';
import { isMobilePhone, normalizePhone } from '@/server/shared/phone';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { Card } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Td, Th } from '@/components/ui/table';
import { ArchiveToggle, archivedRow, ListShell } from '@/components/list/list-shell';
import { ResidentCells, useSeesContacts } from './resident-cells';
import { Dialog } from '@/components/ui/dialog';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { CopyBox } from '@/components/ui/copy-box';
import { ResidentForm } from './resident-form';
import { useServerError } from '@/components/forms/use-server-error';

type Resident = RouterOutputs['property']['getUnit']['residents'][number];

/** A unit's residents: add, edit, archive, and invite one to sign in. */
export function UnitResidents({ unitId, unitArchived, residents }: { unitId: string; unitArchived: boolean; residents: Resident[] }) {
  const t = useTranslations('residents');
  const tc = useTranslations('common');
  const { slug, role } = useTenant();
  const time = useCompanyTime();
  const writer = can(role, 'register.write');
  const inviter = can(role, 'members.manage');
  const contacts = useSeesContacts();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Resident | 'new' | null>(null);
  const [invited, setInvited] = useState<{ name: string; link: string; byPhone: boolean; expiresAt: Date } | null>(null);
  const archive = useMutation(trpc.property.archiveResident.mutationOptions());
  const invite = useMutation(trpc.members.invite.mutationOptions());
  const invitations = useQuery({ ...trpc.members.listInvitations.queryOptions({ tenant: slug }), enabled: inviter });
  const pendingFor = new Set((invitations.data ?? []).filter((i) => !i.expired && i.residentId).map((i) => i.residentId));
  const action = useServerError();

  const setArchived = (r: Resident, archived: boolean) =>
    action.run(async () => {
      await archive.mutateAsync({ tenant: slug, id: r.id, archived });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
    });

  const sendInvite = (r: Resident) =>
    action.run(async () => {
      setInvited(null);
      // By e-mail (a link) when the record has one, else by SMS to its mobile number.
      const phone = r.email ? '' : (normalizePhone(r.phone) ?? '');
      const res = await invite.mutateAsync({ tenant: slug, email: r.email, phone, name: r.name, role: 'RESIDENT', residentId: r.id });
      setInvited({ name: r.name, link: res.link, byPhone: !r.email, expiresAt: res.expiresAt });
      await queryClient.invalidateQueries({ queryKey: trpc.members.listInvitations.queryKey() });
    });

  return (
    <Card
      title={t('onUnit.title')}
      actions={
        writer &&
        !unitArchived && (
          <Button size="sm" onClick={() => setEditing('new')}>
            {t('onUnit.add')}
          </Button>
        )
      }
    >
      {action.error && (
        <Alert tone="error" className="mb-3">
          {action.error}
        </Alert>
      )}
      {invited && (
        <div className="mb-4 rounded-md border border-brand-100 bg-brand-50 p-3">
          {invited.byPhone ? (
            <p className="text-sm text-brand-700">{t('onUnit.invitedSms', { name: invited.name, date: time.date(invited.expiresAt) })}</p>
          ) : (
            <>
              <p className="mb-2 text-sm text-brand-700">{t('onUnit.invited', { name: invited.name, date: time.date(invited.expiresAt) })}</p>
              <CopyBox label={t('onUnit.inviteLink')} value={invited.link} testId="invite-link" />
            </>
          )}
        </div>
      )}
      <ListShell
        query={{ isPending: false, error: null }}
        rows={residents}
        caption={t('onUnit.title')}
        head={
          <>
            <Th>{t('columns.name')}</Th>
            <Th>{t('columns.kind')}</Th>
            {contacts && <Th>{t('columns.phone')}</Th>}
            {contacts && <Th>{t('columns.email')}</Th>}
            <Th>{t('columns.signIn')}</Th>
            {writer && <Th className="text-right">{tc('actions')}</Th>}
          </>
        }
        rowKey={(r) => r.id}
        rowState={archivedRow}
        empty={t('onUnit.empty')}
        cells={(r) => (
          <>
            <ResidentCells r={r} />
            <Td>
              {r.hasSignIn ? (
                <Badge tone="green">{t('signIn.active')}</Badge>
              ) : pendingFor.has(r.id) ? (
                <Badge tone="blue">{t('signIn.invited')}</Badge>
              ) : (
                <Badge>{t('signIn.none')}</Badge>
              )}
            </Td>
            {writer && (
              <Td className="text-right whitespace-nowrap">
                {inviter && !r.archived && !r.hasSignIn && !unitArchived && (r.email || isMobilePhone(r.phone)) && (
                  <Button variant="ghost" size="sm" pending={invite.isPending && invite.variables?.residentId === r.id} onClick={() => sendInvite(r)}>
                    {pendingFor.has(r.id) ? t('onUnit.reinvite') : t('onUnit.invite')}
                  </Button>
                )}
                {!r.archived && (
                  <Button variant="ghost" size="sm" onClick={() => setEditing(r)}>
                    {tc('edit')}
                  </Button>
                )}
                <ArchiveToggle archived={r.archived} onToggle={() => setArchived(r, !r.archived)} />
              </Td>
            )}
          </>
        )}
      />
      {writer && inviter && <p className="mt-2 text-xs text-gray-500">{t('onUnit.inviteHint')}</p>}
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('onUnit.add') : t('onUnit.edit')}>
        {editing !== null && (
          <ResidentForm
            key={editing === 'new' ? 'new' : editing.id}
            unitId={unitId}
            resident={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </Card>
  );
}
