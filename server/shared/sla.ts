import type { WorkOrderPriority } from '../db/generated/enums';

// Work-order SLA arithmetic (DOMAIN.md "Service quality"). Clocks run 24×7 — a deadline is an
// instant, the same in every time zone (the company's zone only decides how it is shown and the
// order's period) — and pause while a quote awaits the resident. Pure: the board imports it.

/** An item's targets scale with the order's priority. */
export const PRIORITY_FACTOR: Record<WorkOrderPriority, number> = { URGENT: 0.5, NORMAL: 1, LOW: 2 };

export interface SlaTargets {
  firstResponseMinutes: number;
  resolveHours: number;
}

/** Targets of an order without a catalogue item (a complaint, a common-area report). */
export const DEFAULT_SLA: SlaTargets = { firstResponseMinutes: 120, resolveHours: 72 };
/** Targets of an order in an emergency category without an item. */
export const EMERGENCY_SLA: SlaTargets = { firstResponseMinutes: 15, resolveHours: 4 };

/** "Soon due": within this share of its whole window of the deadline (and at most 2 hours). */
export const SOON_SHARE = 0.25;
export const SOON_MAX_MS = 2 * 3600_000;

const MINUTE = 60_000;

/**
 * The deadlines of an order created at `createdAt`, after `pausedSeconds` of pause (a quote
 * pending). First response pauses too, though a quote comes after acceptance in practice.
 */
export function slaDeadlines(
  createdAt: Date,
  targets: SlaTargets,
  priority: WorkOrderPriority,
  pausedSeconds = 0,
): { firstResponseDueAt: Date; resolveDueAt: Date } {
  const f = PRIORITY_FACTOR[priority];
  const start = createdAt.getTime() + pausedSeconds * 1000;
  return {
    firstResponseDueAt: new Date(start + Math.round(targets.firstResponseMinutes * f * MINUTE)),
    resolveDueAt: new Date(start + Math.round(targets.resolveHours * 60 * f * MINUTE)),
  };
}

/** Whole seconds of a pause from `since` to `until` (a quote accepted or declined). */
export const pauseSeconds = (since: Date, until: Date) => Math.max(0, Math.floor((until.getTime() - since.getTime()) / 1000));

/** Time an order took to resolve, without its pauses (median time to resolve). */
export const resolutionMs = (createdAt: Date, completedAt: Date, pausedSeconds: number) =>
  Math.max(0, completedAt.getTime() - createdAt.getTime() - pausedSeconds * 1000);

export type SlaFlag = 'met' | 'breached' | 'overdue' | 'soon' | 'paused' | 'ok';

/**
 * One clock's state at `now`: `met`/`breached` once decided (`doneAt` set), else `paused`
 * while a quote is pending, `overdue` past the deadline, `soon` within the last quarter of its
 * window (≤ 2 h), `ok` otherwise.
 */
export function slaFlag(clock: { createdAt: Date; dueAt: Date; doneAt: Date | null; pausedSince: Date | null }, now: Date): SlaFlag {
  if (clock.doneAt) return clock.doneAt.getTime() <= clock.dueAt.getTime() ? 'met' : 'breached';
  if (clock.pausedSince) return 'paused';
  const left = clock.dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  const window = clock.dueAt.getTime() - clock.createdAt.getTime();
  return left <= Math.min(SOON_MAX_MS, window * SOON_SHARE) ? 'soon' : 'ok';
}

/** Whether a clock's outcome is decided at `now`: met (done in time) or breached (done late, or past due). */
export function slaOutcome(dueAt: Date, doneAt: Date | null, now: Date, paused: boolean): boolean | null {
  if (doneAt) return doneAt.getTime() <= dueAt.getTime();
  if (!paused && now.getTime() > dueAt.getTime()) return false;
  return null;
}
