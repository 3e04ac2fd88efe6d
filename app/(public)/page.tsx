import { redirect } from 'next/navigation';
import { currentSession } from '@/server/auth/session';
import { serverApi } from '@/server/api/server-caller';
import { Landing } from '@/components/landing/landing';
import { isDemo } from '@/server/env';

/** The public landing page; a signed-in user goes straight to their company (or a liaison to their street office). */
export default async function Home() {
  if (await currentSession()) {
    const api = await serverApi();
    const companies = await api.account.listCompanies();
    // A street office's liaison with no company lands in the office's area (吹哨, #15).
    const offices = companies.length === 0 ? await api.street.listMyOffices() : [];
    if (offices.length === 1) redirect(`/street/${offices[0]!.slug}`);
    redirect(companies.length === 1 ? `/${companies[0]!.slug}` : '/companies');
  }
  return <Landing demo={isDemo()} />;
}
