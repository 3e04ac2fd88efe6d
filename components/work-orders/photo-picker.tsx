'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { MAX_ORDER_PHOTOS } from '@/server/shared/schemas/work-orders';
import type { ErrorKey, ErrorParams } from '@/server/shared/error-key';
import { UploadError } from '@/components/uploads/upload-file';
import { useServerError } from '@/components/forms/use-server-error';
import { useTenant } from '@/components/tenant/tenant-context';
import { cn } from '@/components/ui/cn';

interface Chosen {
  key: string;
  name: string;
  preview: string;
  /** 0…1 while it uploads */
  progress: number;
  state: 'uploading' | 'done' | 'error';
  id?: string;
  error?: unknown;
}

type Answer = { id?: string; error?: { key?: ErrorKey; params?: ErrorParams; requestId?: string } } | null;

function parseAnswer(text: string): Answer {
  try {
    return JSON.parse(text) as Answer;
  } catch {
    return null;
  }
}

/** One file to the upload route (purpose work-order-photo), reporting progress; XHR because fetch cannot. */
function uploadPhoto(slug: string, file: File, onProgress: (share: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/uploads?tenant=${encodeURIComponent(slug)}&purpose=work-order-photo`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new UploadError({ key: 'network' }, 0));
    xhr.onload = () => {
      const data = parseAnswer(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && data?.id) resolve(data.id);
      else
        reject(
          new UploadError(
            data?.error?.key ? { key: data.error.key, params: data.error.params } : { key: 'generic' },
            xhr.status,
            data?.error?.requestId ?? null,
          ),
        );
    };
    const body = new FormData();
    body.set('file', file);
    xhr.send(body);
  });
}

/**
 * Photos for a work order (a resident's request, staff's note or completion): each chosen file
 * is uploaded at once (purpose work-order-photo; the server checks and re-encodes it) with its
 * progress; a refused one shows the server's reason and can be removed. At most `max` photos.
 * `onChange` gets the ids of the uploaded ones; `onBusyChange` whether any is still uploading
 * (the form waits for them).
 */
export function PhotoPicker({
  label,
  onChange,
  onBusyChange,
  max = MAX_ORDER_PHOTOS,
  error,
}: {
  label: string;
  onChange: (ids: string[]) => void;
  onBusyChange?: (busy: boolean) => void;
  max?: number;
  error?: string;
}) {
  const t = useTranslations('workOrders.photos');
  const { slug } = useTenant();
  const errorText = useServerError().text;
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const input = useRef<HTMLInputElement>(null);
  const [picks, setPicks] = useState<Chosen[]>([]);
  const seq = useRef(0);

  // Report upward after each change (not inside the state updater).
  const done = picks.filter((p) => p.state === 'done' && p.id).map((p) => p.id!);
  const busy = picks.some((p) => p.state === 'uploading');
  const doneKey = done.join(',');
  const report = useRef({ onChange, onBusyChange });
  report.current = { onChange, onBusyChange };
  useEffect(() => report.current.onChange(doneKey ? doneKey.split(',') : []), [doneKey]);
  useEffect(() => report.current.onBusyChange?.(busy), [busy]);
  // Free the previews when the picker goes away.
  const previews = useRef<string[]>([]);
  useEffect(() => () => previews.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const update = (key: string, patch: Partial<Chosen>) => setPicks((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  const add = (files: FileList | null) => {
    if (!files) return;
    const room = max - picks.length;
    const chosen = Array.from(files).slice(0, Math.max(0, room));
    const added = chosen.map((file) => {
      const preview = URL.createObjectURL(file);
      previews.current.push(preview);
      return { key: `p${++seq.current}`, name: file.name, preview, progress: 0, state: 'uploading' as const, file };
    });
    setPicks((ps) => [...ps, ...added.map(({ file: _file, ...p }) => p)]);
    for (const a of added) {
      uploadPhoto(slug, a.file, (share) => update(a.key, { progress: share }))
        .then((id) => update(a.key, { state: 'done', id, progress: 1 }))
        .catch((e: unknown) => update(a.key, { state: 'error', error: e }));
    }
    if (input.current) input.current.value = '';
  };

  const remove = (key: string) => setPicks((ps) => ps.filter((p) => p.key !== key));
  const full = picks.length >= max;

  return (
    <fieldset data-testid="photo-picker">
      <legend className="mb-1 block text-sm font-medium text-gray-700">{label}</legend>
      <p id={hintId} className="mb-2 text-xs text-gray-500">
        {t('hint', { max, count: picks.length })}
      </p>
      <ul className="grid grid-cols-3 gap-2 sm:grid-cols-6" aria-label={label}>
        {picks.map((p, i) => (
          <li key={p.key} className="relative">
            <div
              className={cn('relative aspect-square overflow-hidden rounded-md border bg-gray-100', p.state === 'error' ? 'border-red-400' : 'border-gray-200')}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- a local blob preview */}
              <img src={p.preview} alt={t('previewAlt', { n: i + 1 })} className={cn('size-full object-cover', p.state !== 'done' && 'opacity-60')} />
              {p.state === 'uploading' && (
                <div className="absolute inset-x-1 bottom-1">
                  <progress
                    className="h-1.5 w-full accent-brand-600"
                    value={Math.round(p.progress * 100)}
                    max={100}
                    aria-label={t('uploading', { name: p.name })}
                  />
                </div>
              )}
              {p.state === 'done' && (
                <span className="absolute top-1 left-1 rounded bg-brand-600 px-1 text-[10px] font-medium text-white">{t('uploaded')}</span>
              )}
            </div>
            {p.state === 'error' && (
              <p className="mt-1 text-xs break-words text-red-600" role="alert">
                {errorText(p.error)}
              </p>
            )}
            <button
              type="button"
              onClick={() => remove(p.key)}
              className="absolute -top-2 -right-2 flex size-7 items-center justify-center rounded-full border border-gray-300 bg-white text-base text-gray-700 shadow-sm hover:bg-gray-50"
              aria-label={t('remove', { n: i + 1 })}
            >
              <span aria-hidden>×</span>
            </button>
          </li>
        ))}
        {!full && (
          <li>
            <label
              htmlFor={inputId}
              className="flex aspect-square cursor-pointer flex-col items-center justify-center rounded-md border-2 border-dashed border-gray-300 bg-white text-center text-xs text-gray-600 hover:border-brand-500 hover:text-brand-700"
            >
              <span aria-hidden className="text-2xl leading-none">
                +
              </span>
              <span className="mt-1">{t('add')}</span>
            </label>
          </li>
        )}
      </ul>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        disabled={full}
        aria-describedby={hintId}
        className="sr-only"
        onChange={(e) => add(e.target.files)}
      />
      {error && (
        <p className="mt-1 text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
