import { serverApi } from '@/server/api/server-caller';
import { currentSession } from '@/server/auth/session';
import { allowed, handlePageError, loadCompany } from '@/components/tenant/load-company';
import { ResidentHomes } from '@/components/home/resident-homes';
import { StaffDashboard } from '@/components/home/staff-dashboard';
import { FeeWidgets } from '@/components/home/fee-widgets';
import { FeesCard } from '@/components/my-bills/fees-card';
import { MyAnnouncements } from '@/components/announcements/my-announcements';

type Props = { params: Promise<{ tenant: string }> };
export default async function TenantHome({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  const session = await currentSession();
  const api = await serverApi();
  const userName = session?.name ?? '';
  try {
    if (allowed(company, 'resident.self')) {
      const units = await api.property.listMyUnits({ tenant });
      const summary = units.length ? await api.myBills.getSummary({ tenant }).catch(() => null) : null;
      const notices = units.length ? await api.announcements.listMine({ tenant }).catch(() => []) : [];
      return (
        <ResidentHomes
          slug={tenant}
          units={units}
          userName={userName}
          announcements={notices.length > 0 && <MyAnnouncements items={notices} timeZone={company.timeZone} />}
          fees={summary && <FeesCard slug={tenant} summary={summary} currency={company.currency} />}
        />
      );
    }
    if (!allowed(company, 'register.read')) {
      return <StaffDashboard slug={tenant} role={company.role} userName={userName} counts={{ communities: 0, units: 0, residents: 0 }} />;
    }
    // The counts and the fee figures the role may read, in one call (server/home/dashboard.ts).
    const d = await api.home.getDashboard({ tenant });
    const fees = d.fees ? <FeeWidgets slug={tenant} currency={company.currency} data={d.fees} /> : null;
    return <StaffDashboard slug={tenant} role={company.role} userName={userName} counts={d.counts} fees={fees} />;
  } catch (e) {
    return handlePageError(e);
  }
}
