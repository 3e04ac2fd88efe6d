'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZCreateCompany } from '@/server/shared/schemas/tenancy';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/forms/form-error';
import { CompanyFields } from './company-fields';
import { useServerError } from '@/components/forms/use-server-error';

/** Another company for the signed-in user, who becomes its admin. */
export function CreateCompanyForm() {
  const t = useTranslations('companies');
  const trpc = useTRPC();
  const form = useForm<z.input<typeof ZCreateCompany>, unknown, z.output<typeof ZCreateCompany>>({
    resolver: zodResolver(ZCreateCompany),
    defaultValues: { companyName: '', slug: '' },
  });
  const errors = useServerError().form(form);
  // Stays busy while the browser loads the next page.
  const [leaving, setLeaving] = useState(false);
  const create = useMutation(trpc.account.createCompany.mutationOptions());
  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    try {
      const c = await create.mutateAsync(values);
      setLeaving(true);
      window.location.assign(`/${c.slug}`);
    } catch (e) {
      errors.onServerError(e);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.formError} />
      <CompanyFields form={form} fieldError={errors.fieldError} />
      <Button type="submit" pending={form.formState.isSubmitting || leaving}>
        {t('create')}
      </Button>
    </form>
  );
}
