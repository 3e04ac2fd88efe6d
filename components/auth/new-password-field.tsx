'use client';
import type { ComponentProps } from 'react';
import { TextField } from '@/components/ui/field';

/** A new password: required, masked, offered to the password manager as new (the rules are ZPassword's). */
export function NewPasswordField(props: ComponentProps<typeof TextField>) {
  return <TextField type="password" autoComplete="new-password" required {...props} />;
}
