import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA, EMERGENCY_SLA, PRIORITY_FACTOR, pauseSeconds, resolutionMs, slaDeadlines, slaFlag, slaOutcome } from '@/server/shared/sla';
import { localPeriod } from '@/server/shared/calendar';

// SLA arithmetic (DOMAIN.md "Service quality"): 24×7 clocks, targets × priority, pauses shift
// deadlines; the order's period is its creation month in the company's time zone.

const at = (s: string) => new Date(s);
const item = { firstResponseMinutes: 60, resolveHours: 24 };

describe('SLA deadlines', () => {
  it('runs 24×7 across days and months (normal priority)', () => {
    expect(slaDeadlines(at('2026-03-10T10:00:00Z'), item, 'NORMAL')).toEqual({
      firstResponseDueAt: at('2026-03-10T11:00:00Z'),
      resolveDueAt: at('2026-03-11T10:00:00Z'),
    });
    // created late on the last day of February: resolution due in March, first response after midnight
    expect(slaDeadlines(at('2026-02-28T23:30:00Z'), item, 'NORMAL')).toEqual({
      firstResponseDueAt: at('2026-03-01T00:30:00Z'),
      resolveDueAt: at('2026-03-01T23:30:00Z'),
    });
  });

  it('scales with priority: urgent × 0.5, low × 2', () => {
    expect(PRIORITY_FACTOR).toEqual({ URGENT: 0.5, NORMAL: 1, LOW: 2 });
    expect(slaDeadlines(at('2026-03-10T10:00:00Z'), item, 'URGENT')).toEqual({
      firstResponseDueAt: at('2026-03-10T10:30:00Z'),
      resolveDueAt: at('2026-03-10T22:00:00Z'),
    });
    expect(slaDeadlines(at('2026-12-31T10:00:00Z'), item, 'LOW')).toEqual({
      firstResponseDueAt: at('2026-12-31T12:00:00Z'),
      resolveDueAt: at('2027-01-02T10:00:00Z'),
    });
    // half of an odd number of minutes: 7.5 minutes, to the millisecond
    expect(slaDeadlines(at('2026-03-10T10:00:00Z'), EMERGENCY_SLA, 'URGENT').firstResponseDueAt).toEqual(at('2026-03-10T10:07:30Z'));
  });

  it('has default and stricter emergency targets for orders without an item', () => {
    expect(DEFAULT_SLA).toEqual({ firstResponseMinutes: 120, resolveHours: 72 });
    expect(EMERGENCY_SLA).toEqual({ firstResponseMinutes: 15, resolveHours: 4 });
    expect(slaDeadlines(at('2026-03-10T22:00:00Z'), EMERGENCY_SLA, 'NORMAL').resolveDueAt).toEqual(at('2026-03-11T02:00:00Z'));
    expect(slaDeadlines(at('2026-03-10T22:00:00Z'), DEFAULT_SLA, 'NORMAL').resolveDueAt).toEqual(at('2026-03-13T22:00:00Z'));
  });

  it('moves both deadlines by the pauses (a quote awaiting the resident)', () => {
    const paused = pauseSeconds(at('2026-03-10T12:00:00Z'), at('2026-03-11T13:30:00.999Z'));
    expect(paused).toBe(25.5 * 3600);
    expect(pauseSeconds(at('2026-03-10T12:00:00Z'), at('2026-03-10T11:00:00Z'))).toBe(0);
    expect(slaDeadlines(at('2026-03-10T10:00:00Z'), item, 'NORMAL', paused)).toEqual({
      firstResponseDueAt: at('2026-03-11T12:30:00Z'),
      resolveDueAt: at('2026-03-12T11:30:00Z'),
    });
    // time to resolve leaves the pause out
    expect(resolutionMs(at('2026-03-10T10:00:00Z'), at('2026-03-12T10:00:00Z'), paused)).toBe((48 - 25.5) * 3600_000);
  });

  it('is the same instant in every time zone; the period is the creation month in the company’s zone', () => {
    // 23:30 UTC on 31 January is 07:30 on 1 February in Shanghai
    const created = at('2026-01-31T23:30:00Z');
    expect(localPeriod('Asia/Shanghai', created)).toBe('2026-02');
    expect(localPeriod('UTC', created)).toBe('2026-01');
    expect(localPeriod('America/New_York', at('2026-03-01T03:00:00Z'))).toBe('2026-02');
    // the deadline does not depend on the zone: 24 h later in absolute time
    expect(slaDeadlines(created, item, 'NORMAL').resolveDueAt.toISOString()).toBe('2026-02-01T23:30:00.000Z');
  });
});

describe('SLA flags and outcomes', () => {
  const createdAt = at('2026-03-10T10:00:00Z');
  const dueAt = at('2026-03-11T10:00:00Z'); // a 24 h window: "soon" = the last 2 h (min of 6 h and 2 h)
  const flag = (now: string, o: { doneAt?: string; pausedSince?: string } = {}) =>
    slaFlag({ createdAt, dueAt, doneAt: o.doneAt ? at(o.doneAt) : null, pausedSince: o.pausedSince ? at(o.pausedSince) : null }, at(now));

  it('flags a running clock ok, soon, overdue, or paused', () => {
    expect(flag('2026-03-11T07:59:59Z')).toBe('ok');
    expect(flag('2026-03-11T08:00:00Z')).toBe('soon');
    expect(flag('2026-03-11T10:00:00Z')).toBe('soon');
    expect(flag('2026-03-11T10:00:01Z')).toBe('overdue');
    expect(flag('2026-03-12T10:00:00Z', { pausedSince: '2026-03-11T09:00:00Z' })).toBe('paused');
  });

  it('a short window is soon in its last quarter', () => {
    const short = { createdAt, dueAt: at('2026-03-10T11:00:00Z'), doneAt: null, pausedSince: null };
    expect(slaFlag(short, at('2026-03-10T10:44:59Z'))).toBe('ok');
    expect(slaFlag(short, at('2026-03-10T10:45:00Z'))).toBe('soon');
  });

  it('a done clock is met or breached, whatever the time now', () => {
    expect(flag('2026-04-01T00:00:00Z', { doneAt: '2026-03-11T10:00:00Z' })).toBe('met');
    expect(flag('2026-03-11T11:00:00Z', { doneAt: '2026-03-11T10:00:01Z' })).toBe('breached');
  });

  it('decides an outcome once done or past due, not while paused', () => {
    expect(slaOutcome(dueAt, at('2026-03-11T09:00:00Z'), at('2026-03-20T00:00:00Z'), false)).toBe(true);
    expect(slaOutcome(dueAt, at('2026-03-11T11:00:00Z'), at('2026-03-20T00:00:00Z'), false)).toBe(false);
    expect(slaOutcome(dueAt, null, at('2026-03-11T10:00:01Z'), false)).toBe(false);
    expect(slaOutcome(dueAt, null, at('2026-03-11T10:00:01Z'), true)).toBeNull();
    expect(slaOutcome(dueAt, null, at('2026-03-11T09:00:00Z'), false)).toBeNull();
  });
});
