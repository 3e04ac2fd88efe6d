import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

/**
 * A real <table>, scrolling sideways in its own box on narrow screens. The box is `relative`: an
 * absolutely placed descendant (an sr-only label) has it as containing block and is clipped with
 * the table, instead of widening the page; it takes the keyboard focus (tabIndex) so that a
 * table wider than the screen can be scrolled without a mouse.
 */
export function Table({ children, className = '', caption, ...rest }: ComponentProps<'table'> & { caption?: ReactNode }) {
  return (
    <div
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-gray-200 bg-white focus-visible:ring-2 focus-visible:ring-brand-500/40 focus-visible:outline-none"
    >
      <table className={cn('min-w-full divide-y divide-gray-200 text-sm', className)} {...rest}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-gray-50">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ className = '', ...rest }: ComponentProps<'th'>) {
  return <th scope="col" className={cn('px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-gray-600', className)} {...rest} />;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-gray-100">{children}</tbody>;
}

/** How a row reads: "dimmed" for archived, void, reversed or rejected records. */
export type RowState = 'dimmed' | undefined;

/**
 * A body row. `state="dimmed"` greys the whole row: the cells' own text colour (Td) is
 * overridden too, which a class on the <tr> alone could not do.
 */
export function Tr({ className = '', state, ...rest }: ComponentProps<'tr'> & { state?: RowState }) {
  const dim = state === 'dimmed' ? 'bg-gray-50/40 [&>td]:text-gray-500' : '';
  return <tr className={cn('hover:bg-gray-50/60', dim, className)} data-state={state} {...rest} />;
}

export function Td({ className = '', ...rest }: ComponentProps<'td'>) {
  return <td className={cn('px-3 py-2 align-middle text-gray-800', className)} {...rest} />;
}

/** A full-width row for "loading" / "nothing found" inside a table body. */
export function TableMessage({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-8 text-center text-sm text-gray-500">
        {children}
      </td>
    </tr>
  );
}
