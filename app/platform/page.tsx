import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentSession } from '@/server/auth/session';
import { isPlatformAdmin } from '@/server/platform/admins';
import { PlatformPanel } from '@/components/platform/platform-panel';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('platform'))('title') };
}

/** Operators only (PLATFORM_ADMINS); anyone else gets the 404 page, as its procedures answer NOT_FOUND. */
export default async function PlatformPage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in?callbackUrl=%2Fplatform');
  if (!isPlatformAdmin(session.email)) notFound();
  return <PlatformPanel email={session.email} />;
}
