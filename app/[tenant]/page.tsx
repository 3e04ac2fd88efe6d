import { serverApi } from '@/server/api/server-caller';
import { currentSession } from '@/server/auth/session';
import { localDate } from '@/server/shared/calendar';
import { allowed, handlePageError, loadCompany, loadPendingApprovals, type Company } from '@/components/tenant/load-company';
import { ResidentHomes } from '@/components/home/resident-homes';
import { StaffDashboard } from '@/components/home/staff-dashboard';
import { FeeWidgets, type FeeWidgetData } from '@/components/home/fee-widgets';
import { FeesCard } from '@/components/my-bills/fees-card';
import { MyAnnouncements } from '@/components/announcements/my-announcements';

type Props = { params: Promise<{ tenant: string }> };
type Api = Awaited<ReturnType<typeof serverApi>>;

/**
 * The fee figures a role may read, one call at a time (each call is its own transaction on a
 * shared connection). A figure that fails is left out rather than failing the dashboard.
 */
async function feeWidgetData(api: Api, tenant: string, company: Company): Promise<FeeWidgetData> {
  const today = localDate(company.timeZone);
  const quiet = <T,>(p: Promise<T>) => p.catch(() => null);
  const data: FeeWidgetData = {};
  if (allowed(company, 'reports.read')) data.summary = await quiet(api.collection.getSummary({ tenant, period: today.slice(0, 7) }));
  if (allowed(company, 'payments.record')) data.today = await quiet(api.payments.getDayTotals({ tenant, day: today }));
  if (allowed(company, 'arrears.read'))
    data.arrearsFen = (await quiet(api.collection.listArrears({ tenant, level: 'community', pageSize: 1 })))?.totals.totalFen ?? null;
  // What waits for an approver: the same counts as the navigation's badges.
  if (allowed(company, 'fees.manage') && allowed(company, 'payments.approve')) {
    const pending = await loadPendingApprovals(tenant); // the navigation's badges' counts (rendered once)
    data.pendingRefunds = pending?.refunds ?? null;
    data.pendingAdjustments = pending?.adjustments ?? null;
  }
  return data;
}

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
    const fees = allowed(company, 'fees.read') ? (
      <FeeWidgets slug={tenant} currency={company.currency} data={await feeWidgetData(api, tenant, company)} />
    ) : null;
    if (!allowed(company, 'register.read')) {
      return <StaffDashboard slug={tenant} role={company.role} userName={userName} counts={{ communities: 0, units: 0, residents: 0 }} fees={fees} />;
    }
    // One at a time: each call is its own transaction on a shared connection.
    const communities = (await api.property.listCommunities({ tenant, pageSize: 1 })).total;
    const units = (await api.property.listUnits({ tenant, pageSize: 1 })).total;
    const residents = (await api.property.listResidents({ tenant, pageSize: 1 })).total;
    return <StaffDashboard slug={tenant} role={company.role} userName={userName} counts={{ communities, units, residents }} fees={fees} />;
  } catch (e) {
    return handlePageError(e);
  }
}
