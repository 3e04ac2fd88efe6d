import { z } from 'zod';
import { ZId } from '../validation';
import { keyMessage } from '../error-key';
import { ZSkill } from './services';

// A staff member's duties (#15), set by an admin on the members page: dispatcher (may run the
// work-order board) and skills (free tags matched against a service item's skills when orders are
// auto-assigned). Skills follow the catalogue's rule (ZSkill: one word or tag, at most 30
// characters, compared lower-cased), so a member's tag and an item's tag are the same string.

export const MAX_STAFF_SKILLS = 20;

/** Trimmed, lower-cased, duplicates dropped, at most 20 (counted after dropping duplicates). */
export const ZStaffSkills = z
  .array(ZSkill)
  .transform((a) => [...new Set(a.map((s) => s.toLowerCase()))])
  .pipe(z.array(z.string()).max(MAX_STAFF_SKILLS, keyMessage('tooMany', { max: MAX_STAFF_SKILLS })));

export const ZSetStaffDuties = z.object({ id: ZId, dispatcher: z.boolean(), skills: ZStaffSkills });

/** Splits what a person types into tags: commas (also full-width), 、, semicolons or spaces. */
export const splitSkills = (text: string) => text.split(/[,，、;；\s]+/).filter(Boolean);

/** The duties form: skills typed as one line of tags. */
export const ZStaffDutiesForm = z.object({
  dispatcher: z.boolean(),
  skills: z.string().transform(splitSkills).pipe(ZStaffSkills),
});
