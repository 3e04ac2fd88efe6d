'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useServerError } from '@/components/forms/use-server-error';
import { can } from '@/server/shared/permissions';
import { Alert } from '@/components/ui/alert';
import { Card, PageHeader } from '@/components/ui/card';
import { Loading } from '@/components/ui/empty-state';
import { cn } from '@/components/ui/cn';
import { StripeAccount } from './stripe-account';
import { OnlinePaymentSettingsForm } from './settings-form';
import { ReconciliationPanel } from './reconciliation';

const TABS = ['account', 'reconciliation'] as const;
type Tab = (typeof TABS)[number];

/** /[tenant]/online-payments: the Stripe account and settings (admins), reconciliation (admins, executives). */
export function OnlinePaymentsPanel() {
  const t = useTranslations('onlinePayments');
  const { role } = useTenant();
  const tabs = TABS.filter((k) => (k === 'account' ? can(role, 'onlinePayments.manage') : can(role, 'onlinePayments.reconcile')));
  const [tabParam, setTab] = useQueryState('tab', parseAsStringLiteral(TABS));
  const tab: Tab = tabParam && tabs.includes(tabParam) ? tabParam : tabs[0]!;
  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} />
      {tabs.length > 1 && (
        <nav className="mb-4 flex gap-1 border-b border-gray-200" aria-label={t('title')}>
          {tabs.map((k) => (
            <button
              key={k}
              type="button"
              data-testid={`tab-${k}`}
              aria-current={tab === k ? 'page' : undefined}
              onClick={() => void setTab(k === tabs[0] ? null : k)}
              className={cn(
                '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
                tab === k ? 'border-brand-600 text-brand-700' : 'border-transparent text-gray-600 hover:text-gray-900',
              )}
            >
              {t(`tabs.${k}`)}
            </button>
          ))}
        </nav>
      )}
      {tab === 'account' ? <AccountTab /> : <ReconciliationPanel />}
    </div>
  );
}

function AccountTab() {
  const t = useTranslations('onlinePayments');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const settings = useQuery(trpc.onlinePayments.getSettings.queryOptions({ tenant: slug }));
  if (settings.error) return <Alert tone="error">{errorText(settings.error)}</Alert>;
  if (!settings.data) return <Loading label={t('account.loading')} />;
  const s = settings.data;
  return (
    <div className="space-y-6">
      {!s.available && (
        <Alert tone="warning" data-testid="online-payments-off">
          {t('off')}
        </Alert>
      )}
      <Card title={t('account.title')}>
        <StripeAccount settings={s} />
      </Card>
      <Card title={t('settings.title')}>
        <OnlinePaymentSettingsForm initial={s} />
      </Card>
    </div>
  );
}
