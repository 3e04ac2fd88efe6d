// Shared by the e2e crawl (tests/e2e/crawl.spec.ts) and `npm run bench:pages`: which pages a
// role has. Its pages are the nav's entries, then one link of each kind of page met on them that
// the nav does not list (a bill, a unit, a receipt, a new-request form …).

/** A path's kind: its id-like segments (number, uuid, cuid) become ":id". */
export const kindOf = (path: string) =>
  path
    .split('/')
    .map((s) => (/^(\d+|[0-9a-f-]{36}|c[a-z0-9]{20,}|[A-Za-z0-9_-]{21,})$/.test(s) ? ':id' : s))
    .join('/');

/** The CSS selector of the links to follow on a page of the company `slug` (files excluded). */
export const pageLinks = (slug: string) => `main a[href^="/${slug}/"]:not([download]):not([href*="/api/"])`;
