'use client';

// Replaces the root layout when it fails, so no translations are loaded: both languages.
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: 'system-ui, sans-serif', display: 'grid', placeItems: 'center', minHeight: '100vh', margin: 0, textAlign: 'center' }}>
        <main>
          <h1 style={{ fontSize: 20 }}>系统出了点问题 · Something went wrong</h1>
          <p style={{ color: '#4b5563', fontSize: 14 }}>请稍后刷新重试。Please reload the page in a moment.</p>
          {error.digest && <p style={{ color: '#9ca3af', fontSize: 12, fontFamily: 'monospace' }}>{error.digest}</p>}
          <p>
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- the root layout crashed: a full page load, not a client-side navigation */}
            <a href="/" style={{ color: '#276749' }}>
              返回首页 · Home
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
