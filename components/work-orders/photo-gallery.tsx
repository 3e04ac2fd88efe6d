'use client';
import { useTranslations } from 'next-intl';
import { useTenant } from '@/components/tenant/tenant-context';

export const photoUrl = (slug: string, id: string, thumb = false) =>
  `/api/work-order-photos/${encodeURIComponent(slug)}/${encodeURIComponent(id)}${thumb ? '?thumb=1' : ''}`;

/** An order's photos as thumbnails, each opening the full image (served only to who may see the order). */
export function PhotoGallery({ photos, label }: { photos: readonly { id: string }[]; label: string }) {
  const t = useTranslations('workOrders.photos');
  const { slug } = useTenant();
  if (photos.length === 0) return null;
  return (
    <ul className="grid grid-cols-3 gap-2 sm:grid-cols-6" aria-label={label} data-testid="order-photos">
      {photos.map((p, i) => (
        <li key={p.id}>
          <a
            href={photoUrl(slug, p.id)}
            target="_blank"
            rel="noopener"
            className="block aspect-square overflow-hidden rounded-md border border-gray-200 bg-gray-100"
          >
            {/* eslint-disable-next-line @next/next/no-img-element -- served by our own photo route (access-checked), not optimisable */}
            <img src={photoUrl(slug, p.id, true)} alt={t('photoAlt', { n: i + 1 })} loading="lazy" className="size-full object-cover" />
          </a>
        </li>
      ))}
    </ul>
  );
}
