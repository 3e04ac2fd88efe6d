import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { today } from '../db/scope';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { serverTranslator } from '../i18n/translator';
import { headerText, smsText } from '../notifications/outbox';
import { addDays } from '../shared/calendar';
import { instantOf } from '../shared/opening-hours';
import { MOBILE } from '../shared/phone';
import { uploadStorage } from '../uploads/storage';
import type { ZPublishAnnouncement } from '../shared/schemas/announcements';

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** What a notification or text shows of the announcement's body. */
const EXCERPT = 120;

const excerpt = (s: string, max: number) => {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The instant a pin ends: the end of the local date `through` in the company's zone. */
export const pinEnd = (through: string, timeZone: string) => instantOf(addDays(through, 1), 0, timeZone);

/**
 * Publishes a notice (公告) to one or more communities and tells their residents: an in-app
 * notification to every resident with an account (one INSERT … SELECT: a company-wide notice
 * reaches thousands of households, never a loop of round trips), and — only when the admin asks
 * (`alsoSms`) — a text message to residents with no account but a mobile number.
 *
 * SMS is off by default: each text costs the company money and counts against the per-number
 * SMS caps (server/sms/caps.ts), most notices are not urgent, and an unwanted bulk SMS is what
 * makes people block a sender — so a mass text is a deliberate choice per notice.
 */
export async function publishAnnouncement(scope: Scope, input: z.output<typeof ZPublishAnnouncement>) {
  const { db, tenantId, actorId, timeZone } = scope;
  const communities = await db.community.findMany({
    where: { tenantId, id: { in: input.communityIds } },
    select: { id: true, name: true, archivedAt: true },
  });
  if (communities.length !== input.communityIds.length) throw notFound('community');
  const archived = communities.find((c) => c.archivedAt);
  if (archived) throw new AppError('BAD_REQUEST', 'communityArchivedNamed', { name: archived.name });
  if (input.pinnedUntil && input.pinnedUntil < today(scope)) throw new AppError('BAD_REQUEST', 'pinnedUntilPast');
  if (input.imageId) {
    // another company's upload is simply not in this company's folder
    const stored = UPLOAD_ID.test(input.imageId) ? await uploadStorage().get(`${tenantId}/${input.imageId}`) : null;
    if (!stored || stored.meta.purpose !== 'announcement-image') throw new AppError('BAD_REQUEST', 'announcementImageInvalid');
  }

  const a = await db.announcement.create({
    data: {
      tenantId,
      title: input.title,
      body: input.body,
      imageId: input.imageId ?? null,
      communityIds: input.communityIds,
      pinnedUntil: input.pinnedUntil ? pinEnd(input.pinnedUntil, timeZone) : null,
      publishedById: actorId,
      ...(scope.now ? { publishedAt: scope.now } : {}),
    },
  });

  // Texts in each recipient's language (their account's, else the company's).
  const zh = serverTranslator('zh-CN');
  const en = serverTranslator('en');
  const texts = {
    zh: { title: headerText(zh('announcements.notificationTitle', { title: input.title })) },
    en: { title: headerText(en('announcements.notificationTitle', { title: input.title })) },
  };
  const body = excerpt(input.body, EXCERPT);
  const link = `/${scope.slug}`;
  const companyEn = scope.locale === 'en';

  // Residents with an account: an active resident membership and a current resident record on
  // a unit of one of the communities. One row per person, however many homes they have there.
  const notified = await db.$executeRaw`
    insert into "Notification" ("tenantId", "id", "userId", "kind", "title", "body", "link")
    select ${tenantId}, gen_random_uuid()::text, p."userId", 'announcement',
           case when coalesce(usr."locale", ${companyEn ? 'en' : 'zh-CN'}) = 'en' then ${texts.en.title} else ${texts.zh.title} end,
           ${body}, ${link}
    from (
      select distinct r."userId"
      from "Resident" r
      join "Unit" u on u."tenantId" = r."tenantId" and u."id" = r."unitId"
      join "Membership" m on m."tenantId" = r."tenantId" and m."userId" = r."userId" and m."status" = 'ACTIVE' and m."role" = 'RESIDENT'
      where r."tenantId" = ${tenantId} and r."userId" is not null and r."archivedAt" is null
        and u."archivedAt" is null and u."communityId" = any(${input.communityIds}::text[])
    ) p
    join "User" usr on usr."id" = p."userId"`;

  let texted = 0;
  if (input.alsoSms) {
    const t = serverTranslator(scope.locale);
    const text = smsText(t('announcements.sms', { company: scope.companyName, title: input.title, body: excerpt(input.body, 60) }));
    const subject = headerText(input.title);
    // Residents without an account whose register phone is a mainland mobile (normalized as
    // server/shared/phone.ts does: digits, a leading 86 / 0086 dropped), one text per number;
    // a number that signs in to this company gets the in-app notice instead. Written straight
    // to the outbox (set-based); the recipient is the 11 digits enqueueOutbox would store.
    texted = await db.$executeRaw`
      insert into "OutboxMessage" ("tenantId", "id", "channel", "recipient", "subject", "body")
      select ${tenantId}, gen_random_uuid()::text, 'SMS'::"OutboxChannel", n.phone, ${subject}, ${text}
      from (
        select distinct case
                 when length(d.digits) = 13 and d.digits like '86%' then substr(d.digits, 3)
                 when length(d.digits) = 15 and d.digits like '0086%' then substr(d.digits, 5)
                 else d.digits end as phone
        from (
          select regexp_replace(r."phone", '[^0-9]', '', 'g') as digits
          from "Resident" r
          join "Unit" u on u."tenantId" = r."tenantId" and u."id" = r."unitId"
          where r."tenantId" = ${tenantId} and r."userId" is null and r."archivedAt" is null and r."phone" <> ''
            and u."archivedAt" is null and u."communityId" = any(${input.communityIds}::text[])
        ) d
      ) n
      where n.phone ~ ${MOBILE.source}
        and not exists (
          select 1 from "User" usr
          join "Membership" m on m."userId" = usr."id" and m."tenantId" = ${tenantId} and m."status" = 'ACTIVE'
          where usr."phone" = n.phone
        )`;
  }

  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'announcement.publish',
    entity: 'Announcement',
    entityId: a.id,
    after: {
      title: input.title,
      communityIds: input.communityIds,
      pinnedUntil: input.pinnedUntil ?? null,
      image: !!input.imageId,
      alsoSms: input.alsoSms,
      notified,
      texted,
    },
  });
  return { id: a.id, notified, texted };
}
