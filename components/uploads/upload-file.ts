'use client';

/** An upload the server refused: `message` is its English text (shown through useErrorText). */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export type UploadPurpose = 'units-csv' | 'readings-csv' | 'photo' | 'seal';

/** Sends a file to the one upload route (app/api/uploads); returns its id for the procedure that uses it. */
export async function uploadFile(slug: string, purpose: UploadPurpose, file: File): Promise<{ id: string; size: number; contentType: string }> {
  const body = new FormData();
  body.set('file', file);
  let res: Response;
  try {
    res = await fetch(`/api/uploads?tenant=${encodeURIComponent(slug)}&purpose=${purpose}`, { method: 'POST', body });
  } catch {
    throw new UploadError('', 0);
  }
  const data = (await res.json().catch(() => null)) as { id?: string; size?: number; contentType?: string; error?: { message?: string } } | null;
  if (!res.ok || !data?.id) throw new UploadError(data?.error?.message ?? '', res.status);
  return { id: data.id, size: data.size ?? 0, contentType: data.contentType ?? '' };
}
