'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Checkbox } from '@/components/ui/input';
import { SavedForm, useSavedForm } from '@/components/forms/saved-form';
import { ONLINE_METHODS, ZOnlinePaymentSettings, ZOverpaymentPolicy, type OnlineMethod } from '@/server/shared/schemas/online-payments';

/** The payment methods residents see (at least one) and what becomes of money paid twice. */
export function OnlinePaymentSettingsForm({ initial }: { initial: { methods: string[]; overpayment: 'CREDIT' | 'REFUND'; currency: string } }) {
  const t = useTranslations('onlinePayments.settings');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.onlinePayments.updateSettings.mutationOptions());
  const f = useSavedForm(ZOnlinePaymentSettings, {
    defaultValues: {
      methods: initial.methods.filter((m): m is OnlineMethod => (ONLINE_METHODS as readonly string[]).includes(m)),
      overpayment: initial.overpayment,
    },
    save: async (values) => {
      await save.mutateAsync({ tenant: slug, ...values });
      await queryClient.invalidateQueries({ queryKey: trpc.onlinePayments.getSettings.queryKey() });
    },
  });
  const methodsError = f.errorUnder('methods');
  return (
    <SavedForm f={f} savedText={t('saved')} submitLabel={t('save')} data-testid="online-payment-settings">
      <fieldset className="mb-5" aria-describedby="methods-hint">
        <legend className="mb-1 text-sm font-medium text-gray-700">{t('methods')}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {ONLINE_METHODS.map((m) => (
            <Checkbox key={m} label={t(`method.${m}`)} value={m} data-testid={`method-${m}`} {...f.form.register('methods')} />
          ))}
        </div>
        {methodsError ? (
          <p className="mt-1 text-xs text-red-600" role="alert">
            {methodsError}
          </p>
        ) : (
          <p id="methods-hint" className="mt-1 text-xs text-gray-500">
            {t('methodsHint')}
          </p>
        )}
      </fieldset>
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium text-gray-700">{t('overpayment')}</legend>
        <p className="mb-2 text-xs text-gray-500">{t('overpaymentHint')}</p>
        <div className="space-y-1">
          {ZOverpaymentPolicy.options.map((p) => (
            <label key={p} className="flex cursor-pointer items-center gap-2 text-sm text-gray-700">
              <input type="radio" value={p} className="size-4 accent-brand-600" data-testid={`overpayment-${p}`} {...f.form.register('overpayment')} />
              {t(`policy.${p}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="text-sm text-gray-600">{t('currencyNote', { currency: initial.currency })}</p>
    </SavedForm>
  );
}
