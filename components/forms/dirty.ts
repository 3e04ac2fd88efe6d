/** Only the fields the user changed (edits audit what changed, not the whole record). */
export function pickDirty<T extends Record<string, unknown>>(values: T, dirty: Partial<Record<keyof T, unknown>>): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(values) as (keyof T)[]) if (dirty[k]) out[k] = values[k];
  return out;
}
