import { z } from 'zod';
import { ZId, ZPage, ZSearch, zName } from '../validation';
import { keyMessage } from '../error-key';
import { ZLocalDate } from './billing';

// Inputs of announcements (公告, #15): router `announcements`, components/announcements, tests.

export const MAX_TITLE = 100;
export const MAX_BODY = 5000;
export const MAX_ANNOUNCEMENT_COMMUNITIES = 200;

export const ZPublishAnnouncement = z.object({
  title: zName({ max: MAX_TITLE, required: 'announcementTitleRequired' }),
  body: zName({ max: MAX_BODY, multiline: true, required: 'announcementBodyRequired' }),
  communityIds: z
    .array(ZId)
    .min(1, keyMessage('chooseCommunity'))
    .max(MAX_ANNOUNCEMENT_COMMUNITIES, keyMessage('tooMany', { max: MAX_ANNOUNCEMENT_COMMUNITIES }))
    .transform((a) => [...new Set(a)]),
  /** an upload of purpose "announcement-image" by this company */
  imageId: z.uuid(keyMessage('announcementImageInvalid')).optional(),
  /** pinned through the end of this local date (the company's time zone); none: not pinned */
  pinnedUntil: ZLocalDate.optional(),
  /** also text residents who have no account but a mobile number (see publishAnnouncement) */
  alsoSms: z.boolean().default(false),
});

/** The publish form: an empty date field means "not pinned". */
export const ZPublishAnnouncementForm = ZPublishAnnouncement.omit({ imageId: true }).extend({
  pinnedUntil: z
    .string()
    .transform((s) => s.trim() || undefined)
    .pipe(ZLocalDate.optional()),
});

export const ZListAnnouncements = z.object({
  q: ZSearch.optional(),
  communityId: ZId.optional(),
  includeArchived: z.boolean().default(false),
  ...ZPage,
});

export const ZArchiveAnnouncement = z.object({ id: ZId, archived: z.boolean().default(true) });
export const ZAnnouncementRef = z.object({ id: ZId });
export const ZMyAnnouncements = z.object({ limit: z.number().int().min(1).max(50).default(10) });
