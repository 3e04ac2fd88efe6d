'use client';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ChangeEvent, type ComponentProps, type KeyboardEvent } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import {
  addDays,
  addMonthsToDay,
  addMonthsToMonth,
  clampToRange,
  dayName,
  endOfWeek,
  firstDayOfWeek,
  inRange,
  isCanonical,
  monthGrid,
  monthNames,
  monthTitle,
  parseDateText,
  startOfWeek,
  weekdayNames,
  yearTitle,
  type DateKind,
} from '@/server/shared/date-input';
import { cn } from './cn';

type Props = Omit<ComponentProps<'input'>, 'type'> & { type: DateKind };

/** Today on this device, as an ISO day (the calendar's starting page and its "today" mark). */
function deviceToday(): string {
  const n = new Date();
  return `${n.getFullYear()}-${String(n.getMonth() + 1).padStart(2, '0')}-${String(n.getDate()).padStart(2, '0')}`;
}

/** A change event of the field's own input, for a value the field set itself (normalized on blur, picked in the calendar). */
const changeOf = (el: HTMLInputElement) =>
  ({ target: el, currentTarget: el, type: 'change', bubbles: true, nativeEvent: new Event('change') }) as unknown as ChangeEvent<HTMLInputElement>;

/**
 * A day ('date') or month ('month') field in the UI's language, whatever the browser's: native
 * date inputs take their format and picker from the browser's language and ignore `lang`.
 *
 * A text box holding the ISO value the server takes ('2026-12-05', '2026-12': GB/T 7408 in
 * Chinese, and unambiguous in English, unlike 12/05), with a placeholder in the UI language; it
 * also takes '2026/12/5', '2026年12月5日', '20261205' and writes them as ISO on blur or Enter.
 * Beside it a calendar (a non-modal dialog: a grid of days or months, arrows, Page Up/Down,
 * Home/End, Enter, Escape) whose month and weekday names come from Intl in the UI's locale.
 *
 * Both ways of use work as with a native input:
 *  - uncontrolled (react-hook-form's register): the DOM input holds the value, every keystroke is
 *    passed on as typed (the form's schema judges it on submit) and normalized text is passed on
 *    as a change of the same element, so the form reads ISO;
 *  - controlled (`value` + `onChange`, filters that query at once): `onChange` hears only a
 *    complete valid value or '' — never a half-typed one — while the box shows what is typed;
 *    out of focus the box shows `value`.
 */
export function DateInput({
  type: kind,
  className,
  value,
  onChange,
  onBlur,
  onFocus,
  onKeyDown,
  min,
  max,
  placeholder,
  disabled,
  readOnly,
  required,
  ref,
  ...rest
}: Props) {
  const t = useTranslations('common.dateInput');
  const locale = useLocale();
  const controlled = value !== undefined;
  const shown = controlled ? String(value ?? '') : undefined;
  const [draft, setDraft] = useState('');
  const [focused, setFocused] = useState(false);
  const [open, setOpen] = useState(false);
  /** The calendar's page: a month 'YYYY-MM' of days, or a year 'YYYY' of months. */
  const [page, setPage] = useState('');
  /** The cell that holds the grid's focus (roving tabindex). */
  const [active, setActive] = useState('');
  /** The value when the calendar opened (marked in the grid). */
  const [selected, setSelected] = useState('');
  const [labelId, setLabelId] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement | null>(null);
  const buttonRef = useRef<HTMLButtonElement | null>(null);
  const wrapRef = useRef<HTMLDivElement | null>(null);
  const popRef = useRef<HTMLDivElement | null>(null);
  const focusCell = useRef(false);
  const titleId = useId();
  const firstDay = firstDayOfWeek(locale);
  const lo = min === undefined ? undefined : String(min).slice(0, kind === 'month' ? 7 : 10);
  const hi = max === undefined ? undefined : String(max).slice(0, kind === 'month' ? 7 : 10);

  const setRefs = useCallback(
    (el: HTMLInputElement | null) => {
      inputRef.current = el;
      if (typeof ref === 'function') return ref(el);
      if (ref) ref.current = el;
    },
    [ref],
  );

  // The field's label (the Field around it) describes the calendar button: "Open calendar, Business day".
  useEffect(() => {
    const id = inputRef.current?.labels?.[0]?.id;
    if (id) setLabelId(id);
  }, []);

  /** The value in force: the controlled `value`, or what the DOM input holds. */
  const current = () => parseDateText(controlled ? (shown ?? '') : (inputRef.current?.value ?? ''), kind) ?? '';

  /** Sets the value (a complete ISO value or '') as the user's change. */
  const emit = (v: string) => {
    const el = inputRef.current;
    if (!el) return;
    el.value = v;
    if (controlled) setDraft(v);
    onChange?.(changeOf(el));
  };

  /** The typed text as a value: normalized to ISO when it is a date; in a controlled field, passed on if it changed. */
  const commit = () => {
    const el = inputRef.current;
    if (!el) return;
    const parsed = parseDateText(el.value, kind);
    if (controlled) {
      if (parsed === null) setDraft(shown ?? '');
      else if (parsed !== shown) emit(parsed);
      else setDraft(parsed);
    } else if (parsed && parsed !== el.value) emit(parsed);
  };

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const openCalendar = () => {
    const today = deviceToday();
    const value = current();
    const start = clampToRange(value || (kind === 'month' ? today.slice(0, 7) : today), lo, hi);
    setSelected(value);
    setActive(start);
    setPage(kind === 'month' ? start.slice(0, 4) : start.slice(0, 7));
    focusCell.current = true;
    setOpen(true);
  };

  const pick = (v: string) => {
    emit(v);
    close(true);
  };

  /** Moves the grid's focus to `v` (kept within min/max), turning the page when it leaves it. */
  const moveTo = (v: string, focus = true) => {
    const next = clampToRange(v, lo, hi);
    setActive(next);
    setPage(kind === 'month' ? next.slice(0, 4) : next.slice(0, 7));
    focusCell.current = focus;
  };

  // Shown in the top layer (above a modal dialog, unclipped by a scrolling box), placed under the
  // field, or above it when the screen has no room below; it follows the field as the page scrolls.
  useLayoutEffect(() => {
    const pop = popRef.current;
    const wrap = wrapRef.current;
    if (!open || !pop || !wrap) return;
    if (typeof pop.showPopover === 'function' && !pop.matches(':popover-open')) pop.showPopover();
    const place = () => {
      const r = wrap.getBoundingClientRect();
      const h = pop.offsetHeight;
      const w = pop.offsetWidth;
      const below = r.bottom + 4;
      const top = below + h > window.innerHeight && r.top - h - 4 >= 0 ? r.top - h - 4 : below;
      pop.style.top = `${top}px`;
      pop.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - w - 8))}px`;
    };
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open]);

  // A press outside the field and its calendar closes the calendar.
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  useEffect(() => {
    if (!open || !focusCell.current) return;
    focusCell.current = false;
    popRef.current?.querySelector<HTMLButtonElement>(`[data-value="${active}"]`)?.focus();
  }, [open, active, page]);

  const onGridKey = (e: KeyboardEvent) => {
    const day = kind === 'date';
    const moves: Record<string, () => string> = day
      ? {
          ArrowLeft: () => addDays(active, -1),
          ArrowRight: () => addDays(active, 1),
          ArrowUp: () => addDays(active, -7),
          ArrowDown: () => addDays(active, 7),
          Home: () => startOfWeek(active, firstDay),
          End: () => endOfWeek(active, firstDay),
          PageUp: () => addMonthsToDay(active, e.shiftKey ? -12 : -1),
          PageDown: () => addMonthsToDay(active, e.shiftKey ? 12 : 1),
        }
      : {
          ArrowLeft: () => addMonthsToMonth(active, -1),
          ArrowRight: () => addMonthsToMonth(active, 1),
          ArrowUp: () => addMonthsToMonth(active, -3),
          ArrowDown: () => addMonthsToMonth(active, 3),
          Home: () => `${active.slice(0, 4)}-01`,
          End: () => `${active.slice(0, 4)}-12`,
          PageUp: () => addMonthsToMonth(active, -12),
          PageDown: () => addMonthsToMonth(active, 12),
        };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    moveTo(move());
  };

  const today = deviceToday();
  const dayKind = kind === 'date';
  const step = (n: number) => moveTo(dayKind ? addMonthsToDay(active, n) : addMonthsToMonth(active, 12 * n), false);
  const navButton = 'flex size-8 items-center justify-center rounded text-gray-600 hover:bg-gray-100 disabled:opacity-40';
  const cell = (v: string, label: string, text: string) => {
    const isToday = v === (dayKind ? today : today.slice(0, 7));
    return (
      <td key={v} aria-selected={v === selected} className="p-0.5 text-center">
        <button
          type="button"
          data-value={v}
          tabIndex={v === active ? 0 : -1}
          disabled={!inRange(v, lo, hi)}
          aria-label={label}
          aria-current={isToday ? 'date' : undefined}
          onClick={() => pick(v)}
          className={cn(
            'w-full rounded text-sm tabular-nums hover:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:cursor-not-allowed disabled:text-gray-300 disabled:hover:bg-transparent',
            dayKind ? 'h-8 min-w-8' : 'h-10 px-2',
            isToday && 'font-semibold text-brand-700',
            v === selected && 'bg-brand-600 text-white hover:bg-brand-600',
          )}
        >
          {text}
        </button>
      </td>
    );
  };

  // The page's first and last cells, as compared with min/max ('2026-12-01' … '2026-12-31', '2026-01' … '2026-12').
  const firstOfPage = `${page}-01`;
  const lastOfPage = dayKind ? `${page}-31` : `${page}-12`;

  return (
    <div
      ref={wrapRef}
      className="relative"
      onBlur={(e) => {
        if (open && !wrapRef.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <input
        ref={setRefs}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder ?? t(`placeholder.${kind}`)}
        disabled={disabled}
        readOnly={readOnly}
        required={required}
        {...rest}
        {...(controlled ? { value: focused ? draft : shown } : {})}
        className={cn(className, 'pr-10')}
        onFocus={(e) => {
          if (controlled) setDraft(shown ?? '');
          setFocused(true);
          onFocus?.(e);
        }}
        onChange={(e) => {
          if (!controlled) return onChange?.(e);
          const text = e.target.value;
          setDraft(text);
          if (text === '' || isCanonical(text, kind)) onChange?.(e);
        }}
        onBlur={(e) => {
          commit();
          setFocused(false);
          onBlur?.(e);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          else if (e.key === 'ArrowDown' && e.altKey) {
            e.preventDefault();
            openCalendar();
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            setOpen(false);
          }
          onKeyDown?.(e);
        }}
      />
      <button
        ref={buttonRef}
        type="button"
        className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-md text-gray-500 hover:text-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-40"
        aria-label={t('open')}
        aria-describedby={labelId}
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled || readOnly}
        onClick={() => (open ? close(false) : openCalendar())}
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.5" className="size-5">
          <rect x="3" y="4.5" width="14" height="12.5" rx="1.5" />
          <path d="M3 8.5h14M7 2.5v4M13 2.5v4" strokeLinecap="round" />
        </svg>
      </button>
      {open && (
        <div
          ref={popRef}
          popover="manual"
          role="dialog"
          aria-label={t(`dialog.${kind}`)}
          tabIndex={-1}
          style={{ position: 'fixed', inset: 'auto', margin: 0 }}
          className="z-50 w-max rounded-lg border border-gray-200 bg-white p-3 text-gray-900 shadow-lg focus:outline-none"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            // Not the Escape of a dialog around the field too.
            e.preventDefault();
            e.stopPropagation();
            close(true);
          }}
        >
          <div className="mb-2 flex items-center justify-between gap-2">
            <button
              type="button"
              className={navButton}
              aria-label={dayKind ? t('previousMonth') : t('previousYear')}
              disabled={!!lo && firstOfPage <= lo}
              onClick={() => step(-1)}
            >
              <span aria-hidden>‹</span>
            </button>
            <h2 id={titleId} aria-live="polite" className="text-sm font-semibold">
              {dayKind ? monthTitle(locale, page) : yearTitle(locale, Number(page))}
            </h2>
            <button
              type="button"
              className={navButton}
              aria-label={dayKind ? t('nextMonth') : t('nextYear')}
              disabled={!!hi && lastOfPage >= hi}
              onClick={() => step(1)}
            >
              <span aria-hidden>›</span>
            </button>
          </div>
          <table role="grid" aria-labelledby={titleId} className="border-collapse" onKeyDown={onGridKey}>
            {dayKind ? (
              <>
                <thead>
                  <tr>
                    {weekdayNames(locale, firstDay).map((w) => (
                      <th key={w.long} scope="col" abbr={w.long} className="pb-1 text-center text-xs font-medium text-gray-500">
                        {w.short}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {monthGrid(page, firstDay).map((week, i) => (
                    <tr key={i}>{week.map((d, j) => (d ? cell(d, dayName(locale, d), String(Number(d.slice(8)))) : <td key={`-${j}`} />))}</tr>
                  ))}
                </tbody>
              </>
            ) : (
              <tbody>
                {[0, 1, 2, 3].map((row) => (
                  <tr key={row}>
                    {monthNames(locale)
                      .slice(row * 3, row * 3 + 3)
                      .map((name, j) => {
                        const m = `${page}-${String(row * 3 + j + 1).padStart(2, '0')}`;
                        return cell(m, monthTitle(locale, m), name);
                      })}
                  </tr>
                ))}
              </tbody>
            )}
          </table>
          <div className="mt-2 flex justify-between gap-2 border-t border-gray-100 pt-2 text-sm">
            <button
              type="button"
              className="rounded px-2 py-1 text-brand-700 hover:bg-brand-50 disabled:text-gray-300"
              disabled={!inRange(dayKind ? today : today.slice(0, 7), lo, hi)}
              onClick={() => pick(dayKind ? today : today.slice(0, 7))}
            >
              {dayKind ? t('today') : t('thisMonth')}
            </button>
            {!required && !rest['aria-required'] && (
              <button type="button" className="rounded px-2 py-1 text-gray-600 hover:bg-gray-100" onClick={() => pick('')}>
                {t('clear')}
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
