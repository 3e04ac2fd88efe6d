import type { ReactNode } from 'react';
import type { Metadata } from 'next';
import { currentSession } from '@/server/auth/session';
import { loadCompany, loadPendingApprovals, loadUnread } from '@/components/tenant/load-company';
import { TenantProvider } from '@/components/tenant/tenant-context';
import { AppShell } from '@/components/tenant/app-shell';

type Props = { children: ReactNode; params: Promise<{ tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  return { title: { default: company.name, template: `%s · ${company.name}` } };
}

export default async function TenantLayout({ children, params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  const session = await currentSession();
  const [unread, pending] = await Promise.all([loadUnread(tenant), loadPendingApprovals(tenant)]);
  return (
    <TenantProvider
      value={{
        slug: company.slug,
        name: company.name,
        role: company.role,
        dispatcher: company.dispatcher,
        timeZone: company.timeZone,
        locale: company.locale,
        currency: company.currency,
      }}
    >
      <AppShell userName={session?.name ?? ''} counts={{ unread, pending }}>
        {children}
      </AppShell>
    </TenantProvider>
  );
}
