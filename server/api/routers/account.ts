import { z } from 'zod';
import { authedProcedure, createTRPCRouter, publicProcedure } from '../trpc';
import { signUp, createCompany } from '../../tenancy/sign-up';
import { acceptInvitation, previewInvitation } from '../../tenancy/invitations';
import { myCompanies, setMyLocale } from '../../tenancy/account';
import { ZAcceptInvitation, ZCreateCompany, ZLocale, ZSignUp } from '../../tenancy/schemas';

// Flows before a tenant is in scope: sign-up, invitations by token, the company switcher.
export const accountRouter = createTRPCRouter({
  signUp: publicProcedure.input(ZSignUp).mutation(({ ctx, input }) => signUp(ctx.prisma, input)),
  previewInvitation: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => previewInvitation(ctx.prisma, input.token)),
  acceptInvitation: publicProcedure.input(ZAcceptInvitation).mutation(({ ctx, input }) => acceptInvitation(ctx.prisma, input)),
  companies: authedProcedure.query(({ ctx }) => myCompanies(ctx.prisma, { userId: ctx.user.id })),
  createCompany: authedProcedure
    .input(ZCreateCompany)
    .mutation(({ ctx, input }) => createCompany(ctx.prisma, { ...input, userId: ctx.user.id })),
  setLocale: authedProcedure
    .input(z.object({ locale: ZLocale }))
    .mutation(({ ctx, input }) => setMyLocale(ctx.prisma, { userId: ctx.user.id, locale: input.locale })),
});
