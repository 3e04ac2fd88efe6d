'use client';
import { useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Dialog } from '@/components/ui/dialog';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/forms/form-error';
import { useServerError } from '@/components/forms/use-server-error';

/** "Are you sure?" for a consequential action (close the day, close the period). */
export function ConfirmDialog({
  open,
  onClose,
  title,
  children,
  confirmLabel,
  onConfirm,
  danger,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  danger?: boolean;
}) {
  const tc = useTranslations('common');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const errorText = useServerError().text;
  const close = () => {
    if (pending) return;
    setError(null);
    onClose();
  };
  async function confirm() {
    setError(null);
    setPending(true);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPending(false);
    }
  }
  return (
    <Dialog open={open} onClose={close} title={title}>
      <FormError message={error} />
      {children && <div className="text-sm text-gray-700">{children}</div>}
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={close} disabled={pending}>
          {tc('cancel')}
        </Button>
        <Button variant={danger ? 'danger' : 'primary'} onClick={confirm} pending={pending}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
