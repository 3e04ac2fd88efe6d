import { z } from 'zod';
import { ZId, ZPage, ZSearch, zName, zText } from '../validation';
import { keyMessage } from '../error-key';
import { ZAmountFen } from './billing';
import { OPEN_STATUSES, WORK_ORDER_STATUSES } from '../work-order-states';

// Inputs of the work-order procedures (#15): the contract between server/work-orders,
// server/my-requests, the routers workOrders and myRequests, the forms and the tests.

export const MAX_ORDER_PHOTOS = 6;

export const ZWorkOrderStatus = z.enum(WORK_ORDER_STATUSES);
export const ZWorkOrderPriority = z.enum(['URGENT', 'NORMAL', 'LOW']);
/** Upload ids (purpose "work-order-photo", uploaded by the caller, of this company). */
export const ZPhotoIds = z
  .array(ZId)
  .max(MAX_ORDER_PHOTOS, keyMessage('tooManyPhotos', { max: MAX_ORDER_PHOTOS }))
  .default([]);
export const ZOrderText = zName({ max: 1000, multiline: true, what: 'description' });
export const ZOrderNote = zName({ max: 1000, multiline: true, what: 'note' });
export const ZReason = zName({ max: 200, what: 'reason' });

/** A resident orders a service or reports a problem; the unit is the resident's own (chosen when they have several). */
export const ZCreateRequest = z.object({
  categoryId: ZId,
  itemId: ZId.optional(),
  stationId: ZId.optional(),
  unitId: ZId.optional(),
  text: ZOrderText,
  preferredTime: zText({ max: 100 }).default(''),
  photoIds: ZPhotoIds,
});

/** Staff or a dispatcher records an order (a phone call, a common-area problem seen on a round). */
export const ZCreateOrder = z.object({
  communityId: ZId,
  unitId: ZId.optional(),
  categoryId: ZId,
  itemId: ZId.optional(),
  stationId: ZId.optional(),
  text: ZOrderText,
  preferredTime: zText({ max: 100 }).default(''),
  priority: ZWorkOrderPriority.optional(),
  photoIds: ZPhotoIds,
});

export const ZOrderRef = z.object({ orderId: ZId });

/** The dispatch board: open orders by default, sorted by deadline; filters in the URL. */
export const ZBoardQuery = z.object({
  status: z.array(ZWorkOrderStatus).default([...OPEN_STATUSES]),
  communityId: ZId.optional(),
  categoryId: ZId.optional(),
  assigneeId: ZId.optional(), // a Membership id; "none" = unassigned
  priority: ZWorkOrderPriority.optional(),
  /** overdue: a clock past its deadline; soon: due within the soon window */
  sla: z.enum(['overdue', 'soon']).optional(),
  q: ZSearch.optional(), // order number, text, unit number
  ...ZPage,
});

export const ZAssign = z.object({ orderId: ZId, assigneeId: ZId /* Membership id of an active STAFF or ADMIN */ });
export const ZSetPriority = z.object({ orderId: ZId, priority: ZWorkOrderPriority });
export const ZCancel = z.object({ orderId: ZId, reason: ZReason });
/** A note: to the resident (counts as the first response) or internal; with photos. */
export const ZAddNote = z.object({ orderId: ZId, note: ZOrderNote, toResident: z.boolean().default(false), photoIds: ZPhotoIds });
export const ZQuote = z.object({ orderId: ZId, priceFen: ZAmountFen, note: zText({ max: 500, multiline: true }).default('') });
export const ZComplete = z.object({ orderId: ZId, note: zText({ max: 1000, multiline: true }).default(''), photoIds: ZPhotoIds });
export const ZRating = z.number().int().min(1, keyMessage('ratingRange')).max(5, keyMessage('ratingRange'));
/** The resident confirms the result, with a rating (1–5) and a comment. */
export const ZConfirm = z.object({ orderId: ZId, rating: ZRating, comment: zText({ max: 500, multiline: true }).default('') });
export const ZReopen = z.object({ orderId: ZId, reason: ZReason });
/** 回访: an admin records the rating given on a phone call. */
export const ZReturnVisit = z.object({ orderId: ZId, rating: ZRating, comment: zText({ max: 500, multiline: true }).default('') });

/** 吹哨: escalate to a street office; the resident's name and phone go only when shareContact. */
export const ZEscalate = z.object({
  orderId: ZId,
  officeId: ZId,
  note: zText({ max: 1000, multiline: true }).default(''),
  shareContact: z.boolean().default(false),
});

export const ZMyRequestsQuery = z.object({ status: z.enum(['open', 'done', 'all']).default('all'), ...ZPage });
