'use client';
import { useCallback, useState } from 'react';
import { useServerErrorText } from './use-error-text';

/** For one-click actions (archive, revoke...): runs them and keeps the last error to show. */
export function useActionError() {
  const text = useServerErrorText();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setError(null);
      try {
        await action();
        return true;
      } catch (e) {
        setError(text(e));
        return false;
      }
    },
    [text],
  );
  return { error, clear: () => setError(null), run };
}
