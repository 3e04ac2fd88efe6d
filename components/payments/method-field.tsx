'use client';
import type { ComponentProps } from 'react';
import { useTranslations } from 'next-intl';
import { ZOfflineMethod } from '@/server/shared/schemas/payments';
import { SelectField } from '@/components/ui/field';

/** The ways money reaches the cashier by hand (the server's ZOfflineMethod), as a labelled select. */
export function OfflineMethodField(props: Omit<ComponentProps<typeof SelectField>, 'children'>) {
  const tMethod = useTranslations('enums.paymentMethod');
  return (
    <SelectField {...props}>
      {ZOfflineMethod.options.map((m) => (
        <option key={m} value={m}>
          {tMethod(m)}
        </option>
      ))}
    </SelectField>
  );
}
