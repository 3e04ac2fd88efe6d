import type { MetadataRoute } from 'next';

// The installable web app (#15: staff work their queue on a phone). Opens on the company
// switcher, which goes on to the one company or to sign-in. The PNG icons (public/icons,
// app/apple-icon.png) are app/icon.svg's design, 邻 on the brand green, rendered once with sharp
// and Noto Sans SC (@embedpdf/fonts-sc); "maskable" ones keep the glyph inside the 80 % safe zone.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: '邻里 Linli',
    short_name: '邻里',
    description: '物业服务、报修与工单 · Property services and work orders',
    lang: 'zh-CN',
    start_url: '/companies',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#ffffff',
    theme_color: '#276749',
    categories: ['business', 'productivity'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
