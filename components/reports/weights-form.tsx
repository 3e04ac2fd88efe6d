'use client';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QualityWeights } from '@/server/reports/types';
import { QUALITY_COMPONENTS } from '@/server/shared/quality-index';
import { ZQualityWeights } from '@/server/shared/schemas/reports';
import { useTRPC } from '@/components/trpc';
import { useServerForm } from '@/components/forms/use-server-form';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { useReportKit } from './use-report-kit';

/** The company's index weights (admins: services.manage); saving re-reads every report. */
export function WeightsForm({ weights }: { weights: QualityWeights }) {
  const { t, slug } = useReportKit();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.reports.setWeights.mutationOptions());
  const f = useServerForm(ZQualityWeights, {
    defaultValues: weights,
    onSubmit: async (values) => {
      await save.mutateAsync({ tenant: slug, ...values });
      await queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
      setSaved(true);
      setOpen(false);
    },
  });
  if (!open) {
    return (
      <div className="mt-3 flex flex-wrap items-center gap-3 print:hidden">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            f.form.reset(weights);
            setSaved(false);
            setOpen(true);
          }}
        >
          {t('quality.editWeights')}
        </Button>
        {saved && <span className="text-sm text-brand-700">{t('quality.weightsSaved')}</span>}
      </div>
    );
  }
  return (
    <form onSubmit={f.submit} className="mt-3 space-y-3 print:hidden" noValidate>
      {f.errors.formError && <Alert tone="error">{f.errors.formError}</Alert>}
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {QUALITY_COMPONENTS.map((k) => (
          <TextField
            key={k}
            label={t(`quality.componentNames.${k}`)}
            type="number"
            min={0}
            max={100}
            step="any"
            inputMode="decimal"
            {...f.form.register(k, { valueAsNumber: true })}
            error={f.errors.fieldError(k)}
          />
        ))}
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" pending={f.pending}>
          {t('quality.saveWeights')}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
          {t('quality.cancel')}
        </Button>
      </div>
    </form>
  );
}
