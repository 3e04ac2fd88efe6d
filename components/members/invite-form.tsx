'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { ZEmail, ZPersonName } from '@/server/shared/schemas/auth';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { SelectField, TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { CopyBox } from '@/components/ui/copy-box';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { useServerError } from '@/components/forms/use-server-error';

/** Roles a colleague can be invited to here; residents are invited from their unit. */
export const STAFF_ROLES = ['ADMIN', 'CASHIER', 'STAFF', 'EXECUTIVE'] as const;
const ZForm = z.object({ name: ZPersonName, email: ZEmail, role: z.enum(STAFF_ROLES) });

/** Invite a colleague; on success shows the link to send them. */
export function InviteForm({ onClose }: { onClose: () => void }) {
  const t = useTranslations('members.invite');
  const tRole = useTranslations('enums.role');
  const tRoleHint = useTranslations('enums.roleHint');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [sent, setSent] = useState<{ email: string; link: string; expiresAt: Date } | null>(null);
  const form = useForm<z.input<typeof ZForm>, unknown, z.output<typeof ZForm>>({
    resolver: zodResolver(ZForm),
    defaultValues: { name: '', email: '', role: 'STAFF' },
  });
  const errors = useServerError().form(form);
  const invite = useMutation(trpc.company.invite.mutationOptions());
  const role = form.watch('role');

  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    try {
      const res = await invite.mutateAsync({ tenant: slug, ...values });
      setSent({ email: values.email, link: res.link, expiresAt: res.expiresAt });
      await queryClient.invalidateQueries({ queryKey: trpc.company.listInvitations.queryKey() });
    } catch (e) {
      errors.onServerError(e);
    }
  });

  if (sent) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-gray-700">{t('sent', { email: sent.email, date: time.date(sent.expiresAt) })}</p>
        <CopyBox label={t('link')} value={sent.link} testId="invite-link" />
        <div className="flex justify-end gap-2">
          <Button
            variant="secondary"
            onClick={() => {
              setSent(null);
              form.reset({ name: '', email: '', role });
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
    <form onSubmit={onSubmit} noValidate>
      <FormError message={errors.formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('name')} required autoFocus error={errors.fieldError('name')} {...form.register('name')} />
        <TextField label={t('email')} required type="email" autoComplete="off" error={errors.fieldError('email')} {...form.register('email')} />
        <SelectField label={t('role')} hint={tRoleHint(role)} error={errors.fieldError('role')} fieldClassName="sm:col-span-2" {...form.register('role')}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {tRole(r)}
            </option>
          ))}
        </SelectField>
      </div>
      <FormActions submitLabel={t('submit')} pending={form.formState.isSubmitting} onCancel={onClose} />
    </form>
  );
}
