'use client';
import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from './button';

/** A read-only value (e.g. an invitation link) with a Copy button. */
export function CopyBox({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const t = useTranslations('common');
  const id = useId();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard API needs a secure context; fall back to selecting the text.
      const el = document.getElementById(id) as HTMLInputElement | null;
      el?.select();
      document.execCommand('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-gray-700">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
          className="h-10 min-w-0 flex-1 rounded-md border border-gray-300 bg-gray-50 px-3 font-mono text-xs text-gray-800"
        />
        <Button variant="secondary" onClick={copy}>
          {copied ? t('copied') : t('copy')}
        </Button>
      </div>
    </div>
  );
}
