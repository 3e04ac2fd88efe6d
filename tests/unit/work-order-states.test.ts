import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  transition,
  WORK_ORDER_ACTION_NAMES,
  WORK_ORDER_STATUSES,
  type WorkOrderAction,
  type WorkOrderActor,
} from '@/server/shared/work-order-states';

// Every action × status × actor against a table written out by hand (not derived from the
// module): 'x' = allowed from that status, '.' = refused. Columns, in this order:
//        SUBMITTED ASSIGNED ACCEPTED QUOTED IN_PROGRESS COMPLETED CLOSED CANCELLED
const COLUMNS = ['SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED', 'CANCELLED'] as const;
const ACTORS: WorkOrderActor[] = ['RESIDENT', 'ASSIGNEE', 'DISPATCHER', 'SYSTEM'];
const NONE = '........';

const EXPECTED: Record<WorkOrderAction, { to: string; by: Partial<Record<WorkOrderActor, string>> }> = {
  assign: { to: 'ASSIGNED', by: { DISPATCHER: 'xxx.x...' } },
  accept: { to: 'ACCEPTED', by: { ASSIGNEE: '.x......' } },
  quote: { to: 'QUOTED', by: { ASSIGNEE: '..x.....' } },
  acceptQuote: { to: 'ACCEPTED', by: { RESIDENT: '...x....' } },
  declineQuote: { to: 'CANCELLED', by: { RESIDENT: '...x....' } },
  start: { to: 'IN_PROGRESS', by: { ASSIGNEE: '..x.....' } },
  complete: { to: 'COMPLETED', by: { ASSIGNEE: '....x...' } },
  confirm: { to: 'CLOSED', by: { RESIDENT: '.....x..' } },
  autoClose: { to: 'CLOSED', by: { SYSTEM: '.....x..' } },
  reopen: { to: 'ASSIGNED', by: { RESIDENT: '.....xx.' } },
  cancel: { to: 'CANCELLED', by: { RESIDENT: 'xxxx....', DISPATCHER: 'xxxxx...' } },
};

describe('work-order state machine', () => {
  it('knows exactly the statuses and actions of the table', () => {
    expect([...WORK_ORDER_STATUSES]).toEqual([...COLUMNS]);
    expect([...WORK_ORDER_ACTION_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = Object.entries(EXPECTED).flatMap(([action, e]) =>
    ACTORS.flatMap((actor) =>
      COLUMNS.map((status, i) => ({
        action: action as WorkOrderAction,
        actor,
        status,
        allowed: (e.by[actor] ?? NONE)[i] === 'x',
        to: e.to,
        anyFrom: e.by[actor] !== undefined,
      })),
    ),
  );

  it.each(cases.map((c) => [`${c.action} by ${c.actor} from ${c.status}: ${c.allowed ? 'allowed' : 'refused'}`, c] as const))('%s', (_name, c) => {
    const r = transition(c.status, c.action, [c.actor]);
    if (c.allowed) expect(r).toEqual({ ok: true, to: c.to });
    // an actor who may never take the action is refused for its role, else for the status
    else expect(r).toEqual({ ok: false, reason: c.anyFrom ? 'status' : 'role' });
  });

  it('covers 11 actions × 8 statuses × 4 actors', () => {
    expect(cases).toHaveLength(11 * 8 * 4);
    expect(cases.filter((c) => c.allowed)).toHaveLength(23);
  });

  it('an actor playing several roles gets the union (an admin dispatcher who is also the assignee)', () => {
    expect(transition('ASSIGNED', 'accept', ['DISPATCHER', 'ASSIGNEE'])).toEqual({ ok: true, to: 'ACCEPTED' });
    expect(transition('IN_PROGRESS', 'cancel', ['RESIDENT', 'DISPATCHER'])).toEqual({ ok: true, to: 'CANCELLED' });
    expect(transition('IN_PROGRESS', 'cancel', ['RESIDENT', 'ASSIGNEE'])).toEqual({ ok: false, reason: 'status' });
    expect(transition('SUBMITTED', 'accept', [])).toEqual({ ok: false, reason: 'role' });
  });

  it('lists the buttons to show', () => {
    expect(allowedActions('SUBMITTED', ['DISPATCHER'])).toEqual(['assign', 'cancel']);
    expect(allowedActions('ACCEPTED', ['ASSIGNEE'])).toEqual(['quote', 'start']);
    expect(allowedActions('ACCEPTED', ['ASSIGNEE', 'DISPATCHER'])).toEqual(['assign', 'quote', 'start', 'cancel']);
    expect(allowedActions('QUOTED', ['RESIDENT'])).toEqual(['acceptQuote', 'declineQuote', 'cancel']);
    expect(allowedActions('COMPLETED', ['RESIDENT'])).toEqual(['confirm', 'reopen']);
    expect(allowedActions('CLOSED', ['RESIDENT'])).toEqual(['reopen']);
    expect(allowedActions('CANCELLED', ['RESIDENT', 'ASSIGNEE', 'DISPATCHER', 'SYSTEM'])).toEqual([]);
  });
});
