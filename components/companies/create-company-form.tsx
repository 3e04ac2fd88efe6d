'use client';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZCreateCompany } from '@/server/shared/schemas/tenancy';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { CompanyFields } from './company-fields';

/** Another company for the signed-in user, who becomes its admin. */
export function CreateCompanyForm() {
  const t = useTranslations('companies');
  const trpc = useTRPC();
  // Stays busy while the browser loads the next page.
  const [leaving, setLeaving] = useState(false);
  const create = useMutation(trpc.account.createCompany.mutationOptions());
  const f = useServerForm(ZCreateCompany, {
    defaultValues: { companyName: '', slug: '' },
    onSubmit: async (values) => {
      const c = await create.mutateAsync(values);
      setLeaving(true);
      window.location.assign(`/${c.slug}`);
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <CompanyFields form={f.form} fieldError={f.errors.fieldError} />
      <Button type="submit" pending={f.pending || leaving}>
        {t('create')}
      </Button>
    </ServerForm>
  );
}
