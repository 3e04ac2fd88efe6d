import 'server-only';
import { pageWindow } from '../shared/paging';
import { enqueueOutbox, notifyUsers, smsText } from '../notifications/outbox';
import { unitNumberLabel } from '../shared/labels';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { Prisma } from '../db/generated/client';
import { notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { localDate } from '../shared/calendar';
import { payerArrearsCte } from './arrears';
import { num, reportSettings } from './as-of';
import { reminderMessage, type CompanyInfo } from './messages';
import { checkScope } from './summary';
import { ZReminderHistory, ZSendReminders } from './schemas';
import { serverTranslator } from '../i18n/translator';
import { normalizePhone } from '../shared/phone';

// 催缴 reminders to payers in arrears (as of today): one Reminder row per payer, an in-app
// notification for every resident of the unit who can sign in, an e-mail and a text message
// (through the outbox) to every resident e-mail address and mainland mobile — or to the renter
// of a space rented alone — all in the request's one transaction, with a handful of set-based
// statements, and one audit entry. The result counts, per channel, the households reached and
// the messages written, and names the households no channel reaches (#17: they get a printed
// 催缴通知单, server/collection/notices.ts).
// At most one reminder per payer per 7 days unless forced; a transaction-scoped advisory lock
// keeps two admins sending at once from both reminding the same unit.

export const REMINDER_INTERVAL_DAYS = 7;

export type SkipReason = 'RECENTLY_REMINDED' | 'NO_ARREARS';

export async function sendReminders(scope: Scope, q: z.output<typeof ZSendReminders>) {
  const { db, tenantId, actorId } = scope;
  const company: CompanyInfo = { name: scope.companyName, slug: scope.slug, locale: scope.locale, timeZone: scope.timeZone, currency: scope.currency };
  const unitIds = q.unitIds ? [...new Set(q.unitIds)] : undefined;
  if (q.communityId) await checkScope(db, tenantId, { communityId: q.communityId });
  if (unitIds) {
    const found = await db.unit.count({ where: { tenantId, id: { in: unitIds } } });
    if (found !== unitIds.length) throw notFound('unit');
  }
  await db.$executeRaw`select pg_advisory_xact_lock(hashtext(${`linli:reminders:${tenantId}`}))`;

  const asOf = localDate(company.timeZone);
  await reportSettings(db);
  const candidates = await db.$queryRaw<Record<string, unknown>[]>`
    ${payerArrearsCte({
      tenantId,
      timeZone: company.timeZone,
      asOf,
      // Every money record written counts, also one dated tomorrow because today was closed
      // early (日结): a payer who paid today is not reminded today.
      moneyAsOf: '9999-12-31',
      ...(q.communityId ? { communityId: q.communityId } : {}),
      ...(unitIds ? { unitPayerIds: unitIds } : {}),
    })}
    select pa.payer_kind, pa.payer_id, pa.total, pa.max_days,
           c."name" as community_name, bd."name" as building_name,
           u."entrance" as unit_entrance, u."number" as unit_number, s."number" as space_number, s."renterEmail" as renter_email, s."renterPhone" as renter_phone,
           last.sent_at as last_sent, coalesce(last.sent_at > now() - make_interval(days => ${REMINDER_INTERVAL_DAYS}::int), false) as recent
    from pa
    left join "Community" c on c."tenantId" = ${tenantId} and c."id" = pa.community_id
    left join "Building" bd on bd."tenantId" = ${tenantId} and bd."id" = pa.building_id
    left join "Unit" u on pa.payer_kind = 'UNIT' and u."tenantId" = ${tenantId} and u."id" = pa.payer_id
    left join "ParkingSpace" s on pa.payer_kind = 'PARKING' and s."tenantId" = ${tenantId} and s."id" = pa.payer_id
    left join lateral (
      select max(r."sentAt") as sent_at from "Reminder" r
      where r."tenantId" = ${tenantId} and r."payerKind"::text = pa.payer_kind and r."payerId" = pa.payer_id
    ) last on true
    where pa.max_days >= ${q.minDaysOverdue}::int
    order by c."name", bd."name" nulls last, u."number", s."number"`;

  const t = serverTranslator(company.locale);
  const payers = candidates.map((r) => {
    const kind = r.payer_kind as 'UNIT' | 'PARKING';
    const place =
      kind === 'UNIT'
        ? `${r.building_name ?? ''} ${unitNumberLabel({ entrance: r.unit_entrance as string | null, number: String(r.unit_number ?? '') })}`
        : t('reminder.parkingSpace', { number: String(r.space_number ?? '') });
    return {
      payerKind: kind,
      payerId: r.payer_id as string,
      label: `${String(r.community_name ?? '')} ${place}`.replace(/\s+/g, ' ').trim(),
      arrearsFen: num(r.total),
      maxDaysOverdue: num(r.max_days),
      renterEmail: (r.renter_email as string | null) ?? '',
      renterPhone: (r.renter_phone as string | null) ?? '',
      lastSentAt: (r.last_sent as Date | null) ?? null,
      recent: r.recent === true,
    };
  });
  const toSend = payers.filter((p) => q.force || !p.recent);
  const skipped: { payerKind: 'UNIT' | 'PARKING'; payerId: string; label: string; reason: SkipReason; lastSentAt: Date | null }[] = payers
    .filter((p) => !q.force && p.recent)
    .map((p) => ({ payerKind: p.payerKind, payerId: p.payerId, label: p.label, reason: 'RECENTLY_REMINDED', lastSentAt: p.lastSentAt }));
  if (unitIds) {
    const inArrears = new Set(payers.map((p) => p.payerId));
    for (const id of unitIds) {
      if (!inArrears.has(id)) skipped.push({ payerKind: 'UNIT', payerId: id, label: '', reason: 'NO_ARREARS', lastSentAt: null });
    }
  }

  let notifications = 0;
  let emails = 0;
  let texts = 0;
  const reached = { inApp: new Set<string>(), email: new Set<string>(), sms: new Set<string>() };
  if (toSend.length) {
    const msgs = toSend.map((p) => reminderMessage(company, { label: p.label, arrearsFen: p.arrearsFen, asOf, maxDaysOverdue: p.maxDaysOverdue }));
    const kinds = toSend.map((p) => p.payerKind);
    const ids = toSend.map((p) => p.payerId);
    const amounts = toSend.map((p) => p.arrearsFen);
    const titles = msgs.map((m) => m.title);
    const bodies = msgs.map((m) => m.body);
    const subjects = msgs.map((m) => m.subject);
    const emailBodies = msgs.map((m) => m.emailBody);
    const smsBodies = new Map(toSend.map((p, i) => [p.payerId, smsText(msgs[i]!.sms)]));
    const renterEmails = toSend.map((p) => (p.payerKind === 'PARKING' ? p.renterEmail.trim().toLowerCase() : ''));
    const link = `/${company.slug}/my/bills`;

    await db.$executeRaw`
      insert into "Reminder" ("tenantId", "id", "payerKind", "payerId", "arrearsFen", "forced", "sentById", "sentAt")
      select ${tenantId}, gen_random_uuid()::text, k::"ObjectKind", p, a, ${q.force}, ${actorId}, now()
      from unnest(${kinds}::text[], ${ids}::text[], ${amounts}::int[]) as t(k, p, a)`;

    // Who gets what is one query each; the rows are written by the one outbox writer.
    const people = await db.$queryRaw<{ userId: string; p: string; title: string; body: string }[]>`
      select distinct on (r."userId", t.p) r."userId" as "userId", t.p, t.title, t.body
      from unnest(${ids}::text[], ${titles}::text[], ${bodies}::text[], ${kinds}::text[]) as t(p, title, body, k)
      join "Resident" r on r."tenantId" = ${tenantId} and r."unitId" = t.p and t.k = 'UNIT'
      where r."userId" is not null and r."archivedAt" is null`;
    notifications = await notifyUsers(
      db,
      tenantId,
      people.map((p) => ({ userId: p.userId, kind: 'arrears.reminder', title: p.title, body: p.body, link })),
    );

    for (const p of people) reached.inApp.add(p.p);

    const mails = await db.$queryRaw<{ email: string; p: string; subject: string; body: string }[]>`
      select x.email, x.p, x.subject, x.body
      from (
        select distinct lower(trim(r."email")) as email, t.p, t.subject, t.body
        from unnest(${ids}::text[], ${subjects}::text[], ${emailBodies}::text[], ${kinds}::text[]) as t(p, subject, body, k)
        join "Resident" r on r."tenantId" = ${tenantId} and r."unitId" = t.p and t.k = 'UNIT'
        where r."archivedAt" is null and trim(r."email") <> ''
        union
        select t.e, t.p, t.subject, t.body
        from unnest(${ids}::text[], ${subjects}::text[], ${emailBodies}::text[], ${renterEmails}::text[]) as t(p, subject, body, e)
        where t.e <> ''
      ) x`;
    emails = await enqueueOutbox(
      db,
      tenantId,
      mails.map((m) => ({ channel: 'EMAIL' as const, recipient: m.email, subject: m.subject, body: m.body })),
    );
    for (const m of mails) reached.email.add(m.p);

    // Text messages: each mainland mobile of the unit's current residents, or the renter's of a
    // space rented alone, once per household (a landline or a foreign number is no SMS contact).
    const renterPhones = toSend.map((p) => (p.payerKind === 'PARKING' ? p.renterPhone : ''));
    const phoneRows = await db.$queryRaw<{ p: string; phone: string }[]>`
      select t.p, r."phone" as phone
      from unnest(${ids}::text[], ${kinds}::text[]) as t(p, k)
      join "Resident" r on r."tenantId" = ${tenantId} and r."unitId" = t.p and t.k = 'UNIT'
      where r."archivedAt" is null and trim(r."phone") <> ''
      union all
      select t.p, t.phone from unnest(${ids}::text[], ${renterPhones}::text[]) as t(p, phone) where trim(t.phone) <> ''`;
    const sms = new Map<string, { p: string; phone: string }>();
    for (const row of phoneRows) {
      const phone = normalizePhone(row.phone);
      if (phone) sms.set(`${row.p} ${phone}`, { p: row.p, phone });
    }
    texts = await enqueueOutbox(
      db,
      tenantId,
      [...sms.values()].map((m) => ({ channel: 'SMS' as const, recipient: m.phone, subject: msgs[0]!.title, body: smsBodies.get(m.p)! })),
    );
    for (const m of sms.values()) reached.sms.add(m.p);
  }
  const channels = {
    inApp: { households: reached.inApp.size, messages: notifications },
    email: { households: reached.email.size, messages: emails },
    sms: { households: reached.sms.size, messages: texts },
  };
  // Households no channel reaches: print them a 催缴通知单.
  const noContact = toSend
    .filter((p) => !reached.inApp.has(p.payerId) && !reached.email.has(p.payerId) && !reached.sms.has(p.payerId))
    .map((p) => ({ payerKind: p.payerKind, payerId: p.payerId, label: p.label, arrearsFen: p.arrearsFen }));

  const result = {
    asOf,
    sent: toSend.length,
    reminded: toSend.map((p) => ({ payerKind: p.payerKind, payerId: p.payerId, label: p.label, arrearsFen: p.arrearsFen })),
    skipped,
    notifications,
    emails,
    texts,
    channels,
    noContact,
  };
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'reminders.send',
    entity: 'Reminder',
    after: {
      parameters: { unitIds: unitIds ?? null, communityId: q.communityId ?? null, minDaysOverdue: q.minDaysOverdue, force: q.force, asOf },
      sent: result.sent,
      skipped: skipped.length,
      skippedRecent: skipped.filter((s) => s.reason === 'RECENTLY_REMINDED').length,
      notifications,
      emails,
      texts,
      reachedInApp: channels.inApp.households,
      reachedEmail: channels.email.households,
      reachedSms: channels.sms.households,
      noContact: noContact.length,
      arrearsFen: toSend.reduce((s, p) => s + p.arrearsFen, 0),
    },
  });
  return result;
}

export async function reminderHistory({ db, tenantId }: Scope, q: z.output<typeof ZReminderHistory>) {
  if (q.unitId) {
    const unit = await db.unit.findUnique({ where: { tenantId_id: { tenantId, id: q.unitId } }, select: { id: true } });
    if (!unit) throw notFound('unit');
  }
  const where: Prisma.ReminderWhereInput = { tenantId, ...(q.unitId ? { payerKind: 'UNIT', payerId: q.unitId } : {}) };
  const total = await db.reminder.count({ where });
  const rows = await db.reminder.findMany({
    where,
    orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
    ...pageWindow(q),
  });
  const unitIds = rows.filter((r) => r.payerKind === 'UNIT').map((r) => r.payerId);
  const spaceIds = rows.filter((r) => r.payerKind === 'PARKING').map((r) => r.payerId);
  const userIds = [...new Set(rows.map((r) => r.sentById))];
  const units = unitIds.length
    ? await db.unit.findMany({
        where: { tenantId, id: { in: unitIds } },
        select: { id: true, entrance: true, number: true, community: { select: { name: true } }, building: { select: { name: true } } },
      })
    : [];
  const spaces = spaceIds.length
    ? await db.parkingSpace.findMany({ where: { tenantId, id: { in: spaceIds } }, select: { id: true, number: true, community: { select: { name: true } } } })
    : [];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const unitById = new Map(units.map((u) => [u.id, u]));
  const spaceById = new Map(spaces.map((s) => [s.id, s]));
  const userById = new Map(users.map((u) => [u.id, u]));
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((r) => {
      const u = r.payerKind === 'UNIT' ? unitById.get(r.payerId) : undefined;
      const s = r.payerKind === 'PARKING' ? spaceById.get(r.payerId) : undefined;
      return {
        id: r.id,
        payerKind: r.payerKind,
        payerId: r.payerId,
        community: u?.community.name ?? s?.community.name ?? '',
        building: u?.building.name ?? '',
        label: u ? unitNumberLabel(u) : (s?.number ?? ''),
        arrearsFen: r.arrearsFen,
        forced: r.forced,
        sentAt: r.sentAt,
        sentBy: userById.get(r.sentById) ?? { id: r.sentById, name: '?' },
      };
    }),
  };
}
