'use client';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { ZNoteForm, ZReasonForm } from '@/server/shared/schemas/payments';
import { Dialog } from '@/components/ui/dialog';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/input';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

/**
 * A confirmation that asks for a reason (void, undo, reverse, reject…). `onConfirm` may throw
 * a server error; it is shown in the dialog, which stays open.
 */
export function ReasonDialog({
  open,
  onClose,
  title,
  description,
  confirmLabel,
  onConfirm,
  danger = true,
  reasonRequired = true,
  reasonLabel,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  onConfirm: (reason: string) => Promise<unknown>;
  danger?: boolean;
  reasonRequired?: boolean;
  reasonLabel?: string;
  children?: ReactNode;
}) {
  const t = useTranslations('fees.common');
  const tc = useTranslations('common');
  const f = useServerForm<{ reason: string }, { reason: string }>(reasonRequired ? ZReasonForm : ZNoteForm, {
    defaultValues: { reason: '' },
    onSubmit: async ({ reason }, form) => {
      await onConfirm(reason);
      form.reset({ reason: '' });
      onClose();
    },
  });
  const close = () => {
    if (f.pending) return;
    f.form.reset({ reason: '' });
    f.errors.clearFormError();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title={title}>
      <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
        {description && <div className="mb-3 text-sm text-gray-600">{description}</div>}
        {children}
        <Field label={reasonLabel ?? t('reason')} required={reasonRequired} error={f.errors.fieldError('reason')}>
          {(a) => <Textarea {...a} rows={3} maxLength={500} aria-required={reasonRequired || undefined} {...f.form.register('reason')} />}
        </Field>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={close} disabled={f.pending}>
            {tc('cancel')}
          </Button>
          <Button type="submit" variant={danger ? 'danger' : 'primary'} pending={f.pending}>
            {confirmLabel}
          </Button>
        </div>
      </ServerForm>
    </Dialog>
  );
}
