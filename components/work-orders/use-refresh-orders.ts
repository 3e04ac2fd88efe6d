'use client';
import { useCallback } from 'react';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';

/** After a change to an order: every work-order and my-requests query again, and the server-rendered page. */
export function useRefreshOrders() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.workOrders.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.myRequests.pathKey() }),
    ]);
    router.refresh();
  }, [queryClient, trpc, router]);
}
