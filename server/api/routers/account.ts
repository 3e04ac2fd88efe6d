import 'server-only';
import { z } from 'zod';
import { authedProcedure, createTRPCRouter, publicProcedure } from '../trpc';
import { confirmSignUp, createCompany, requestSignUp } from '../../tenancy/sign-up';
import { acceptInvitation, previewInvitation } from '../../members/invitations';
import { myCompanies, setMyLocale } from '../../tenancy/account';
import { ZAcceptInvitation, ZCreateCompany, ZLinkToken, ZLocale, ZSignUp } from '../../shared/schemas/tenancy';
import { ZChangePassword, ZRequestPasswordReset, ZResetPassword } from '../../shared/schemas/auth';
import { changePassword } from '../../auth/change-password';
import { requestPasswordReset, resetPassword } from '../../auth/reset-password';
import { endAllSessions } from '../../auth/sessions';
import { isEmbedded } from '../../env';
import { ZRequestPhoneCode, ZSetFirstPassword } from '../../shared/schemas/auth';
import { requestPhoneCode } from '../../auth/phone-sign-in';
import { hasPassword, setFirstPassword } from '../../auth/change-password';
import { smsDemoMode } from '../../sms/config';

// Flows before a tenant is in scope: sign-up, invitations by token, the company switcher,
// the account's password and sessions. The embedded demo has no mail server, so there the
// mail a flow sent is also returned (shown on screen).
export const accountRouter = createTRPCRouter({
  signUp: publicProcedure.input(ZSignUp).mutation(({ ctx, input }) => requestSignUp(ctx.prisma, input, { showMail: isEmbedded() })),
  confirmSignUp: publicProcedure.input(z.object({ token: ZLinkToken })).mutation(({ ctx, input }) => confirmSignUp(ctx.prisma, input.token)),
  getInvitationPreview: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => previewInvitation(ctx.prisma, input.token)),
  acceptInvitation: publicProcedure
    .input(ZAcceptInvitation)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.prisma, { ...input, userId: ctx.user?.id ?? null })),
  listCompanies: authedProcedure.query(({ ctx }) => myCompanies(ctx.prisma, { userId: ctx.user.id })),
  createCompany: authedProcedure.input(ZCreateCompany).mutation(({ ctx, input }) => createCompany(ctx.prisma, { ...input, userId: ctx.user.id })),
  setLocale: authedProcedure
    .input(z.object({ locale: ZLocale }))
    .mutation(({ ctx, input }) => setMyLocale(ctx.prisma, { userId: ctx.user.id, locale: input.locale })),
  changePassword: authedProcedure
    .input(ZChangePassword)
    .mutation(({ ctx, input }) => changePassword(ctx.prisma, { ...input, userId: ctx.user.id, email: ctx.user.email, ip: ctx.ip })),
  requestPasswordReset: publicProcedure
    .input(ZRequestPasswordReset)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.prisma, input, { showMail: isEmbedded() })),
  resetPassword: publicProcedure.input(ZResetPassword).mutation(({ ctx, input }) => resetPassword(ctx.prisma, { ...input, ip: ctx.ip })),
  // Sign-in by phone: the code goes out by SMS; in the embedded demo (no SMS provider) it is
  // also returned, shown on the sign-in page.
  requestPhoneCode: publicProcedure
    .input(ZRequestPhoneCode)
    .mutation(({ ctx, input }) => requestPhoneCode(ctx.prisma, { ...input, ip: ctx.ip }, { showCode: smsDemoMode() })),
  getPasswordState: authedProcedure.query(({ ctx }) => hasPassword(ctx.prisma, ctx.user.id)),
  setFirstPassword: authedProcedure.input(ZSetFirstPassword).mutation(({ ctx, input }) => setFirstPassword(ctx.prisma, { ...input, userId: ctx.user.id })),
  signOutEverywhere: authedProcedure.mutation(({ ctx }) => endAllSessions(ctx.prisma, ctx.user.id)),
});
