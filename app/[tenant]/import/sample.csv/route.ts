import { sampleCsv, sampleLang } from '@/server/property/import-sample';

// A sample units-and-residents file. Static content, no company data: no session needed.
export function GET(request: Request) {
  const lang = sampleLang(request);
  return new Response(sampleCsv(lang), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="units-sample-${lang}.csv"`,
      'cache-control': 'public, max-age=3600',
    },
  });
}
