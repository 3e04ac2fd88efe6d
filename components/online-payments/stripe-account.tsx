'use client';
import { useEffect, useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useServerError } from '@/components/forms/use-server-error';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DetailList } from '@/components/ui/card';
import type { OnlinePaymentSettingsView } from '@/server/online-payments/connect';
import { StripeStatusBadge } from './stripe-status-badge';

type Settings = Omit<OnlinePaymentSettingsView, 'updatedAt'> & { updatedAt: Date | string | null };

/**
 * The company's Stripe account: status, 连接 Stripe / 继续开通 (to Stripe's hosted onboarding),
 * and a refresh. Coming back from onboarding (?onboarding=return) re-reads the status once; an
 * expired link (?onboarding=refresh) says so, and 继续开通 makes a new one.
 */
export function StripeAccount({ settings }: { settings: Settings }) {
  const t = useTranslations('onlinePayments.account');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useServerError().text;
  const [onboarding, setOnboarding] = useQueryState('onboarding', parseAsStringLiteral(['return', 'refresh'] as const));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.onlinePayments.getSettings.queryKey() });
  const connect = useMutation(
    trpc.onlinePayments.connect.mutationOptions({
      onSuccess: ({ url }) => {
        window.location.assign(url);
      },
    }),
  );
  const refresh = useMutation(trpc.onlinePayments.refreshStatus.mutationOptions({ onSuccess: invalidate }));

  const refreshedOnReturn = useRef(false);
  useEffect(() => {
    if (onboarding === 'return' && !refreshedOnReturn.current && settings.stripeAccountId) {
      refreshedOnReturn.current = true;
      refresh.mutate({ tenant: slug });
    }
  }, [onboarding, settings.stripeAccountId, refresh, slug]);

  const error = connect.error ?? refresh.error;
  const status = settings.status;
  return (
    <div className="space-y-4" data-testid="stripe-account">
      <div className="flex flex-wrap items-center gap-3">
        <StripeStatusBadge status={status} />
        <p className="text-sm text-gray-600">{t(`explain.${status}`)}</p>
      </div>
      {onboarding === 'return' && (
        <Alert tone="info" data-testid="onboarding-returned">
          {t('returned')}
        </Alert>
      )}
      {onboarding === 'refresh' && (
        <Alert tone="warning" data-testid="onboarding-expired">
          {t('linkExpired')}
        </Alert>
      )}
      {error && <Alert tone="error">{errorText(error)}</Alert>}
      {settings.stripeAccountId && (
        <DetailList
          items={[
            { label: t('accountId'), value: <span className="font-mono text-xs">{settings.stripeAccountId}</span> },
            { label: t('details'), value: settings.detailsSubmitted ? t('submitted') : t('notYet') },
            { label: t('charges'), value: settings.chargesEnabled ? t('enabled') : t('notYet') },
            { label: t('payouts'), value: settings.payoutsEnabled ? t('enabled') : t('notYet') },
            { label: t('currency'), value: settings.currency },
          ]}
        />
      )}
      <div className="flex flex-wrap gap-2">
        {status !== 'READY' && (
          <Button
            data-testid="stripe-connect"
            disabled={!settings.available}
            pending={connect.isPending || connect.isSuccess}
            onClick={() => {
              void setOnboarding(null);
              connect.mutate({ tenant: slug });
            }}
          >
            {connect.isSuccess ? t('opening') : status === 'NOT_CONNECTED' ? t('connect') : t('continue')}
          </Button>
        )}
        {settings.stripeAccountId && (
          <Button
            variant="secondary"
            data-testid="stripe-refresh"
            disabled={!settings.available}
            pending={refresh.isPending}
            onClick={() => refresh.mutate({ tenant: slug })}
          >
            {t('refresh')}
          </Button>
        )}
      </div>
    </div>
  );
}
