'use client';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Dialog } from '@/components/ui/dialog';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/input';
import { FormError } from '@/components/forms/form-error';
import { useServerError } from '@/components/forms/use-server-error';

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
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const errorText = useServerError().text;

  const close = () => {
    if (pending) return;
    setReason('');
    setError(null);
    onClose();
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (reasonRequired && !reason.trim()) return setError(t('reasonRequired'));
    setPending(true);
    try {
      await onConfirm(reason.trim());
      setReason('');
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPending(false);
    }
  }
  return (
    <Dialog open={open} onClose={close} title={title}>
      <form onSubmit={submit} noValidate>
        <FormError message={error} />
        {description && <div className="mb-3 text-sm text-gray-600">{description}</div>}
        {children}
        <label htmlFor={id} className="mb-1 block text-sm font-medium text-gray-700">
          {reasonLabel ?? t('reason')}
          {reasonRequired && (
            <span className="ml-0.5 text-red-600" aria-hidden>
              *
            </span>
          )}
        </label>
        <Textarea id={id} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} aria-required={reasonRequired || undefined} />
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            {tc('cancel')}
          </Button>
          <Button type="submit" variant={danger ? 'danger' : 'primary'} pending={pending}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
