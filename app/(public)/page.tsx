import { redirect } from 'next/navigation';
import { currentSession } from '@/server/auth/session';
import { serverApi } from '@/server/api/server-caller';
import { Landing } from '@/components/landing/landing';

/** The public landing page; a signed-in user goes straight to their company. */
export default async function Home() {
  if (await currentSession()) {
    const companies = await (await serverApi()).account.listCompanies();
    redirect(companies.length === 1 ? `/${companies[0]!.slug}` : '/companies');
  }
  return <Landing />;
}
