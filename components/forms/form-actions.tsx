'use client';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

/** Submit (and optional Cancel) at the bottom of a form. */
export function FormActions({ submitLabel, pending, onCancel }: { submitLabel: string; pending: boolean; onCancel?: () => void }) {
  const t = useTranslations('common');
  return (
    <div className="mt-5 flex flex-wrap justify-end gap-2">
      {onCancel && (
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          {t('cancel')}
        </Button>
      )}
      <Button type="submit" pending={pending}>
        {submitLabel}
      </Button>
    </div>
  );
}
