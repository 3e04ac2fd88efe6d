import { describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { KeyedRequestError, serverErrorInfo } from '@/components/forms/server-error';
import { parseKeyMessage } from '@/server/shared/error-key';

// The client's reading of a failure (what useServerError renders): keys and params, never text.
const trpcError = (data: Record<string, unknown>) =>
  new TRPCClientError('English text the UI never shows', { result: { error: { code: -32600, message: 'x', data } } } as never);

describe('serverErrorInfo', () => {
  it('bad input: each field as a key message, the first field wins the top', () => {
    const info = serverErrorInfo(
      trpcError({
        code: 'BAD_REQUEST',
        error: { key: 'required', params: { what: 'communityName' } },
        fieldErrors: { name: { key: 'required', params: { what: 'communityName' } }, address: { key: 'tooLongNamed', params: { what: 'field', max: 200 } } },
      }),
    );
    expect(info.code).toBe('BAD_REQUEST');
    expect(parseKeyMessage(info.fieldErrors.address![0])).toEqual({ key: 'tooLongNamed', params: { what: 'field', max: 200 } });
    expect(info.error).toEqual({ key: 'required', params: { what: 'communityName' } });
  });
  it('a conflict names its field; a 500 keeps its request id; a 429 its wait', () => {
    expect(serverErrorInfo(trpcError({ code: 'CONFLICT', error: { key: 'slugTaken', params: { slug: 'abc' } }, details: { field: 'slug' } }))).toMatchObject({
      field: 'slug',
      error: { key: 'slugTaken', params: { slug: 'abc' } },
      message: 'slugTaken {"slug":"abc"}',
    });
    expect(
      serverErrorInfo(trpcError({ code: 'INTERNAL_SERVER_ERROR', error: { key: 'genericWithId', params: { id: 'r-1' } }, requestId: 'r-1' })),
    ).toMatchObject({ requestId: 'r-1' });
    expect(serverErrorInfo(trpcError({ code: 'TOO_MANY_REQUESTS', error: { key: 'tooManyReports', params: { seconds: 7 } }, retryAfter: 7 }))).toMatchObject({
      retryAfter: 7,
      error: { key: 'tooManyReports' },
    });
  });
  it('an unknown key reads as generic; no data is a network failure; upload errors carry their key', () => {
    expect(serverErrorInfo(trpcError({ code: 'BAD_REQUEST', error: { key: 'noSuchKey' } })).error).toEqual({ key: 'generic' });
    expect(serverErrorInfo(new TRPCClientError('fetch failed')).network).toBe(true);
    expect(serverErrorInfo(new KeyedRequestError({ key: 'uploadTooLarge' }, 413))).toMatchObject({ error: { key: 'uploadTooLarge' }, network: false });
    expect(serverErrorInfo(new KeyedRequestError({ key: 'network' }, 0)).network).toBe(true);
  });
});
