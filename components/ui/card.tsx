import type { ReactNode } from 'react';
import { cn } from './cn';

export function Card({
  title,
  actions,
  children,
  className = '',
  ...rest
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  'data-testid'?: string;
}) {
  return (
    <section className={cn('rounded-lg border border-gray-200 bg-white shadow-sm', className)} {...rest}>
      {(title || actions) && (
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-100 px-4 py-3">
          {title && <h2 className="text-base font-semibold text-gray-900">{title}</h2>}
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
        </header>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}

export function PageHeader({ title, description, actions, back }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; back?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        {back && <div className="mb-1 text-sm">{back}</div>}
        <h1 className="text-xl font-semibold text-gray-900">{title}</h1>
        {description && <p className="mt-1 text-sm text-gray-500">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

/** Label/value pairs, e.g. a record's details. */
export function DetailList({ items, narrow }: { items: { label: ReactNode; value: ReactNode; wide?: boolean }[]; narrow?: boolean }) {
  return (
    <dl className={cn('grid gap-x-6 gap-y-3 text-sm', narrow ? 'grid-cols-2' : 'grid-cols-1 sm:grid-cols-2 lg:grid-cols-3')}>
      {items.map((it, i) => (
        <div key={i} className={cn('min-w-0', it.wide && 'col-span-full')}>
          <dt className="text-gray-500">{it.label}</dt>
          <dd className="mt-0.5 font-medium break-words text-gray-900">{it.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A page: its header (title, description, actions), then its content, spaced. */
export function Page({ children, ...header }: Parameters<typeof PageHeader>[0] & { children: ReactNode }) {
  return (
    <div className="space-y-5">
      <PageHeader {...header} />
      {children}
    </div>
  );
}
