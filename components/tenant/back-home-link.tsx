'use client';
import type { ReactNode } from 'react';
import { ButtonLink } from '@/components/ui/button';
import { useTenant } from './tenant-context';

/** A link to the company's home page, for pages rendered without params (forbidden.tsx). */
export function BackHomeLink({ children }: { children: ReactNode }) {
  const { slug } = useTenant();
  return (
    <ButtonLink href={`/${slug}`} variant="secondary">
      {children}
    </ButtonLink>
  );
}
