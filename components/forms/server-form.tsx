'use client';
import type { ComponentProps } from 'react';
import { FormError } from './form-error';

/** A form of `useServerForm`: no browser validation (zod's messages show), the top error first. */
export function ServerForm({ onSubmit, formError, children, ...rest }: ComponentProps<'form'> & { formError: string | null | undefined }) {
  return (
    <form onSubmit={onSubmit} noValidate {...rest}>
      <FormError message={formError} />
      {children}
    </form>
  );
}
