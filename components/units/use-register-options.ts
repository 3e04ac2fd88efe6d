'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';

/** Active communities for pickers (the list endpoint's largest page). */
export function useCommunityOptions() {
  const trpc = useTRPC();
  const { slug } = useTenant();
  const q = useQuery({ ...trpc.property.listCommunities.queryOptions({ tenant: slug, pageSize: 200 }), staleTime: 60_000 });
  return { options: q.data?.rows ?? [], isPending: q.isPending };
}

/** Active buildings of one community, once a community is chosen. */
export function useBuildingOptions(communityId: string | undefined) {
  const trpc = useTRPC();
  const { slug } = useTenant();
  const q = useQuery({
    ...trpc.property.listBuildings.queryOptions({ tenant: slug, communityId: communityId ?? '' }),
    enabled: !!communityId,
    staleTime: 60_000,
  });
  return { options: communityId ? (q.data ?? []) : [], isPending: !!communityId && q.isPending };
}
