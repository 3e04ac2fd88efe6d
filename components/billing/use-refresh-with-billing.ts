'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';

/**
 * After a change to fee items or meters: refresh that router's queries and billing's (whose
 * runs, previews and bills read both), in one place rather than at every call site.
 */
export function useRefreshWithBilling(router: 'feeItems' | 'meters') {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc[router].pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() }),
    ]).then(() => undefined);
}
