import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Class names: conditional parts (clsx), then Tailwind conflicts resolved so that the LAST class
 * wins (tailwind-merge): `cn('h-10 px-3', 'h-8')` → "px-3 h-8". Without the merge an override
 * passed as `className` loses to the component's own class whenever the stylesheet orders it first.
 */
export function cn(...parts: ClassValue[]): string {
  return twMerge(clsx(parts));
}
