'use client';
import { useTranslations } from 'next-intl';

type Json = unknown;

const show = (v: Json) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** Field-by-field before/after of one audit entry; changed fields are highlighted. */
export function AuditDiff({ before, after }: { before: Json; after: Json }) {
  const t = useTranslations('audit.diff');
  const tField = useTranslations('audit.fields');
  // A field by its name in the user's language when the catalog has one (the stored key as its title).
  const fieldLabel = (k: string) => (tField.has(k as 'name') ? tField(k as 'name') : k);
  const b = isObject(before) ? before : before == null ? {} : { value: before };
  const a = isObject(after) ? after : after == null ? {} : { value: after };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return <p className="text-sm text-gray-500">{t('none')}</p>;
  return (
    <table className="w-full text-xs">
      <thead>
        <tr className="text-left text-gray-500">
          <th scope="col" className="py-1 pr-3 font-medium">
            {t('field')}
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            {t('before')}
          </th>
          <th scope="col" className="py-1 font-medium">
            {t('after')}
          </th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {keys.map((k) => {
          const inAfter = k in a;
          const changed = inAfter && JSON.stringify(b[k]) !== JSON.stringify(a[k]);
          return (
            <tr key={k} className="border-t border-gray-100 align-top">
              <th scope="row" className="py-1 pr-3 text-left font-sans font-normal text-gray-700" title={k}>
                {fieldLabel(k)}
              </th>
              <td className={`py-1 pr-3 break-all ${changed && k in b ? 'bg-red-50 text-red-800 line-through decoration-red-300' : 'text-gray-600'}`}>
                {show(b[k])}
              </td>
              <td className={`py-1 break-all ${changed ? 'bg-brand-50 text-brand-700' : 'text-gray-600'}`}>{inAfter ? show(a[k]) : t('unchanged')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function isObject(v: unknown): v is Record<string, Json> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
