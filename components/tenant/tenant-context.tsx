'use client';
import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '@/server/db/generated/enums';

export interface TenantInfo {
  slug: string;
  name: string;
  role: Role;
  /** STAFF an admin made a dispatcher (permissions: can({ role, dispatcher }, …)). */
  dispatcher: boolean;
  timeZone: string;
  locale: string;
  currency: string;
}

const TenantContext = createContext<TenantInfo | null>(null);

export function TenantProvider({ value, children }: { value: TenantInfo; children: ReactNode }) {
  return <TenantContext.Provider value={value}>{children}</TenantContext.Provider>;
}

/** The company in scope (set by app/[tenant]/layout.tsx). */
export function useTenant(): TenantInfo {
  const v = useContext(TenantContext);
  if (!v) throw new Error('useTenant() outside a company page');
  return v;
}
