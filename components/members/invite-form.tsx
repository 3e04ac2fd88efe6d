'use client';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZInviteColleagueForm, ZStaffRole } from '@/server/shared/schemas/tenancy';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { SelectField, TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { CopyBox } from '@/components/ui/copy-box';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

/** Roles a colleague can be invited to here (the server's ZStaffRole); residents are invited from their unit. */
export const STAFF_ROLES = ZStaffRole.options;

/** Invite a colleague; on success shows the link to send them. */
export function InviteForm({ onClose }: { onClose: () => void }) {
  const t = useTranslations('members.invite');
  const tRole = useTranslations('enums.role');
  const tRoleHint = useTranslations('enums.roleHint');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [sent, setSent] = useState<{ email: string; phone: string | null; link: string; expiresAt: Date } | null>(null);
  const invite = useMutation(trpc.members.invite.mutationOptions());
  const f = useServerForm(ZInviteColleagueForm, {
    defaultValues: { name: '', email: '', phone: '', role: 'STAFF' },
    onSubmit: async (values) => {
      const res = await invite.mutateAsync({ tenant: slug, ...values });
      setSent({ email: values.email, phone: res.phone, link: res.link, expiresAt: res.expiresAt });
      await queryClient.invalidateQueries({ queryKey: trpc.members.listInvitations.queryKey() });
    },
  });
  const role = f.form.watch('role') as (typeof STAFF_ROLES)[number];

  if (sent) {
    return (
      <div className="space-y-4">
        {sent.phone && <p className="text-sm text-gray-700">{t('sentSms', { phone: sent.phone, date: time.date(sent.expiresAt) })}</p>}
        {sent.email && (
          <>
            <p className="text-sm text-gray-700">{t('sent', { email: sent.email, date: time.date(sent.expiresAt) })}</p>
            <CopyBox label={t('link')} value={sent.link} testId="invite-link" />
          </>
        )}
        <div className="flex justify-end gap-2">
          <Button
            variant="secondary"
            onClick={() => {
              setSent(null);
              f.form.reset({ name: '', email: '', phone: '', role });
            }}
          >
            {t('another')}
          </Button>
          <Button onClick={onClose}>{t('done')}</Button>
        </div>
      </div>
    );
  }
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('name')} required autoFocus {...f.field('name')} />
        <TextField label={t('email')} type="email" autoComplete="off" hint={t('contactHint')} {...f.field('email')} />
        <TextField label={t('phone')} type="tel" inputMode="tel" autoComplete="off" {...f.field('phone')} />
        <SelectField label={t('role')} hint={tRoleHint(role)} fieldClassName="sm:col-span-2" {...f.field('role')}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {tRole(r)}
            </option>
          ))}
        </SelectField>
      </div>
      <FormActions submitLabel={t('submit')} pending={f.pending} onCancel={onClose} />
    </ServerForm>
  );
}
