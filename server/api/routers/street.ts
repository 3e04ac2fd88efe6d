import 'server-only';
import { authedProcedure, createTRPCRouter, liaisonProcedure } from '../trpc';
import { getEscalation, getEscalationPhoto, listEscalations } from '../../street/escalations';
import { markEscalationHandled, replyToEscalation } from '../../street/replies';
import { listMyStreetOffices } from '../../street/offices';
import { ZEscalationList, ZEscalationRef, ZStreetPhotoRef, ZStreetReply } from '../../shared/schemas/street';

// /street/<office>: a street office's liaisons (吹哨, #15). liaisonProcedure: an active liaison of
// the office, else NOT_FOUND; row-level security is set to the office and no company.
export const streetRouter = createTRPCRouter({
  /** The offices the signed-in user is a liaison of (where sign-in lands them). */
  listMyOffices: authedProcedure.query(({ ctx }) => listMyStreetOffices(ctx.prisma, ctx.user)),
  listEscalations: liaisonProcedure.input(ZEscalationList).query(({ ctx, input }) => listEscalations(ctx.street, input)),
  getEscalation: liaisonProcedure.input(ZEscalationRef).query(({ ctx, input }) => getEscalation(ctx.street, input)),
  getPhotoPermit: liaisonProcedure.input(ZStreetPhotoRef).query(({ ctx, input }) => getEscalationPhoto(ctx.street, input)),
  reply: liaisonProcedure.input(ZStreetReply).mutation(({ ctx, input }) => replyToEscalation(ctx.street, input)),
  markHandled: liaisonProcedure.input(ZEscalationRef).mutation(({ ctx, input }) => markEscalationHandled(ctx.street, input)),
});
