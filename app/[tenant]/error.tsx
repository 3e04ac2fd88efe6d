'use client';
import { useParams } from 'next/navigation';
import { ErrorView } from '@/components/ui/error-view';

/** Keeps the company's header and navigation around a page that failed. */
export default function TenantError({ error, retry }: { error: unknown; retry: () => void }) {
  const { tenant } = useParams<{ tenant: string }>();
  return <ErrorView error={error} retry={retry} homeHref={`/${tenant}`} />;
}
