'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { formatDateTime } from '@/components/tenant/format';
import { Loading } from '@/components/ui/empty-state';
import { ElementsEditor } from '@/components/stations/elements-editor';

/** /platform: the city's 睦宁里 station standard, the template companies adopt (#15). */
export function StationStandardSection() {
  const t = useTranslations('stations.platform');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.platform.getStationStandard.queryOptions());
  const save = useMutation(trpc.platform.updateStationStandard.mutationOptions());
  if (!current.data) return <Loading label={t('loading')} />;
  const d = current.data;
  return (
    <div>
      <p className="mb-4 text-sm text-gray-600">{t('explain')}</p>
      <ElementsEditor
        key={d.updatedAt ? String(d.updatedAt) : 'none'}
        testId="city-standard-form"
        initial={d.elements}
        name={{ label: t('name'), value: d.name }}
        submitLabel={t('save')}
        onSave={async (elements, name) => {
          await save.mutateAsync({ name, elements });
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: trpc.platform.getStationStandard.queryKey() }),
            queryClient.invalidateQueries({ queryKey: trpc.platform.listAudit.queryKey() }),
          ]);
        }}
      />
      {d.updatedAt && <p className="mt-3 text-xs text-gray-500">{t('lastChanged', { at: formatDateTime(d.updatedAt, 'Asia/Shanghai', locale) })}</p>}
    </div>
  );
}
