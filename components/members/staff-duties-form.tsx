'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZStaffDutiesForm } from '@/server/shared/schemas/members';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { TextField } from '@/components/ui/field';
import { Checkbox } from '@/components/ui/input';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

type Member = RouterOutputs['members']['list'][number];

/** A staff member's duties: dispatcher (runs the work-order board) and skills (auto-assignment). */
export function StaffDutiesForm({ member, onClose }: { member: Member; onClose: () => void }) {
  const t = useTranslations('members.duties');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.members.setStaffDuties.mutationOptions());
  const f = useServerForm(ZStaffDutiesForm, {
    defaultValues: { dispatcher: member.dispatcher, skills: member.skills.join(', ') },
    onSubmit: async (values) => {
      await save.mutateAsync({ tenant: slug, id: member.id, ...values });
      await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
      onClose();
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
      <p className="mb-4 text-sm text-gray-600">{t('intro', { name: member.name })}</p>
      <div className="space-y-4">
        <div>
          <Checkbox label={t('dispatcher')} {...f.form.register('dispatcher')} />
          <p className="mt-1 ml-6 text-xs text-gray-500">{t('dispatcherHint')}</p>
        </div>
        <TextField
          label={t('skills')}
          autoComplete="off"
          placeholder={t('skillsPlaceholder')}
          hint={t('skillsHint')}
          {...f.form.register('skills')}
          error={f.errorUnder('skills')}
        />
      </div>
      <FormActions submitLabel={t('save')} pending={f.pending} onCancel={onClose} />
    </ServerForm>
  );
}
