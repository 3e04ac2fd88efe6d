'use client';
import { KeyedRequestError } from '@/components/forms/server-error';
import type { ErrorKey, ErrorParams } from '@/server/shared/error-key';

/** An upload the server refused: its key and params (rendered by useServerError). */
export class UploadError extends KeyedRequestError {}

export type UploadPurpose = 'units-csv' | 'readings-csv' | 'photo' | 'seal' | 'work-order-photo' | 'announcement-image';

/** Sends a file to the one upload route (app/api/uploads); returns its id for the procedure that uses it. */
export async function uploadFile(slug: string, purpose: UploadPurpose, file: File): Promise<{ id: string; size: number; contentType: string }> {
  const body = new FormData();
  body.set('file', file);
  let res: Response;
  try {
    res = await fetch(`/api/uploads?tenant=${encodeURIComponent(slug)}&purpose=${purpose}`, { method: 'POST', body });
  } catch {
    throw new UploadError({ key: 'network' }, 0);
  }
  const data = (await res.json().catch(() => null)) as {
    id?: string;
    size?: number;
    contentType?: string;
    error?: { key?: ErrorKey; params?: ErrorParams; requestId?: string };
  } | null;
  if (!res.ok || !data?.id) {
    throw new UploadError(
      data?.error?.key ? { key: data.error.key, params: data.error.params } : { key: 'generic' },
      res.status,
      data?.error?.requestId ?? null,
    );
  }
  return { id: data.id, size: data.size ?? 0, contentType: data.contentType ?? '' };
}
