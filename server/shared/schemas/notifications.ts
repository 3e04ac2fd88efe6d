import { z } from 'zod';
import { ZId, ZPage } from '../validation';

// Inputs of the notifications feature (server/notifications/): the company's outbox and each
// member's own in-app notifications.

export const ZOutboxList = z.object({ status: z.enum(['PENDING', 'SENT', 'FAILED']).optional(), ...ZPage });

export const ZMyNotifications = z.object({ unreadOnly: z.boolean().default(false), ...ZPage });
export const ZMarkRead = z.object({ ids: z.array(ZId).min(1).max(500) });
