import { describe, expect, it } from 'vitest';
import { cn } from '@/components/ui/cn';

describe('cn', () => {
  it('the later Tailwind class wins a conflict (an override passed as className)', () => {
    expect(cn('h-10 px-3 text-sm', 'h-8')).toBe('px-3 text-sm h-8');
    expect(cn('block w-full border-gray-300', 'border-red-400')).toBe('block w-full border-red-400');
    expect(cn('px-3 py-2', 'p-1')).toBe('p-1');
  });
  it('drops false, null and empty parts', () => {
    expect(cn('a', false, null, undefined, '', 0, 'b')).toBe('a b');
    expect(cn('tabular-nums', { 'text-red-700': true, 'text-gray-500': false })).toBe('tabular-nums text-red-700');
  });
  it('keeps classes of different variants and properties', () => {
    expect(cn('p-2 hover:bg-gray-50', 'sm:p-4 hover:bg-brand-50')).toBe('p-2 sm:p-4 hover:bg-brand-50');
  });
});
