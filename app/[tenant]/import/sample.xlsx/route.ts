import { sampleLang, sampleXlsx } from '@/server/property/import-sample';

// The sample of sample.csv as an Excel workbook. Static content, no company data: no session needed.
export async function GET(request: Request) {
  const lang = sampleLang(request);
  return new Response(Buffer.from(await sampleXlsx(lang)), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="units-sample-${lang}.xlsx"`,
      'cache-control': 'public, max-age=3600',
    },
  });
}
