'use client';
import { useTranslations } from 'next-intl';
import type { ResidentKind } from '@/server/db/generated/enums';
import { Td } from '@/components/ui/table';
import { ArchivedBadge } from '@/components/list/list-filters';
import { useTenant } from '@/components/tenant/tenant-context';
import { seesResidentContacts } from '@/server/shared/resident-contacts';

/** Whether the signed-in member sees residents' phones and e-mails (staff do not). */
export function useSeesContacts() {
  return seesResidentContacts(useTenant().role);
}

/** The cells every resident list starts with: name (and "archived"), kind, phone, e-mail (not for staff). */
export function ResidentCells({ r }: { r: { name: string; archived: boolean; kind: ResidentKind; phone: string; email: string } }) {
  const tKind = useTranslations('enums.residentKind');
  const contacts = useSeesContacts();
  return (
    <>
      <Td className="font-medium whitespace-nowrap">
        {r.name}
        <ArchivedBadge archived={r.archived} />
      </Td>
      <Td>{tKind(r.kind)}</Td>
      {contacts && (
        <>
          <Td className="whitespace-nowrap">{r.phone || '—'}</Td>
          <Td className="break-all">{r.email || '—'}</Td>
        </>
      )}
    </>
  );
}
