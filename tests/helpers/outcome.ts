import { TRPCError } from '@trpc/server';

/** How a call ended: 'OK', or the TRPCError's code (anything else is named as not a tRPC error). */
export const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : `NOT_TRPC: ${String(e)}`;
  }
};

/** The message a call failed with, or '' when it succeeded. */
export const message = async (p: Promise<unknown>) => {
  try {
    await p;
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};
