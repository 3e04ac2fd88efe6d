import type { ReactNode } from 'react';

/** A figure with its label and an optional line below (e.g. how it was computed). */
export function Stat({
  label,
  value,
  sub,
  tone = 'default',
  ...rest
}: {
  label: ReactNode;
  value: ReactNode;
  sub?: ReactNode;
  tone?: 'default' | 'warn' | 'good';
  'data-testid'?: string;
}) {
  const color = tone === 'warn' ? 'text-red-700' : tone === 'good' ? 'text-brand-700' : 'text-gray-900';
  return (
    <div className="min-w-0 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" {...rest}>
      <p className="text-sm text-gray-500">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tracking-tight tabular-nums break-words ${color}`}>{value}</p>
      {sub && <div className="mt-1 text-xs text-gray-500">{sub}</div>}
    </div>
  );
}
