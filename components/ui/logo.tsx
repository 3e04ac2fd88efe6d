import { cn } from './cn';
/** The wordmark: 邻里 Linli. */
export function Logo({ className = '' }: { className?: string }) {
  return (
    <span className={cn('flex items-center gap-1.5', className)}>
      <span className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white" aria-hidden>
        邻
      </span>
      <span className="text-base font-semibold tracking-tight text-gray-900">
        邻里 <span className="font-normal text-gray-500">Linli</span>
      </span>
    </span>
  );
}
