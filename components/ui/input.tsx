import type { ComponentProps } from 'react';
import { cn } from './cn';
import { DateInput } from './date-input';

const control =
  'block w-full rounded-md border border-gray-300 bg-white px-3 text-sm text-gray-900 shadow-sm placeholder:text-gray-400 ' +
  'focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 disabled:bg-gray-100 disabled:text-gray-500 ' +
  'aria-[invalid=true]:border-red-400 aria-[invalid=true]:ring-red-300/40';

export function Input({ className = '', type, ...rest }: ComponentProps<'input'>) {
  // Days and months through the app's own field: a native date input shows the browser's
  // language (Chromium ignores `lang` on it), not the UI's.
  const dateKind = type === 'date' ? 'date' : type === 'month' ? 'month' : null;
  if (dateKind) return <DateInput type={dateKind} className={cn(control, 'h-10', className)} {...rest} />;
  return <input type={type} className={cn(control, 'h-10', className)} {...rest} />;
}

export function Select({ className = '', ...rest }: ComponentProps<'select'>) {
  return <select className={cn(control, 'h-10 pr-8', className)} {...rest} />;
}

export function Textarea({ className = '', ...rest }: ComponentProps<'textarea'>) {
  return <textarea className={cn(control, 'py-2', className)} {...rest} />;
}

/** A checkbox with its label beside it (the label wraps the input, so it is bound). */
export function Checkbox({ label, className = '', ...rest }: ComponentProps<'input'> & { label: string }) {
  return (
    <label className={cn('inline-flex cursor-pointer items-center gap-2 text-sm text-gray-700 select-none', className)}>
      <input type="checkbox" className="size-4 rounded border-gray-300 accent-brand-600" {...rest} />
      {label}
    </label>
  );
}
