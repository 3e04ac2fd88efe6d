'use client';
import { ErrorView } from '@/components/ui/error-view';

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main>
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
