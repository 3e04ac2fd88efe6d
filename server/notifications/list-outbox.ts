import 'server-only';
import { pageWindow } from '../shared/paging';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { ZOutboxList } from '../shared/schemas/notifications';

// The company's outbox, newest first: in the demo, "what would have been sent".

export async function listOutbox({ db, tenantId }: Scope, q: z.output<typeof ZOutboxList>) {
  const where = { tenantId, ...(q.status ? { status: q.status } : {}) };
  const total = await db.outboxMessage.count({ where });
  const rows = await db.outboxMessage.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageWindow(q),
    select: {
      id: true,
      channel: true,
      recipient: true,
      subject: true,
      body: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
    },
  });
  return { total, page: q.page, pageSize: q.pageSize, rows };
}
