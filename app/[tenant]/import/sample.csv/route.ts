// A sample units-and-residents file. Static content, no company data: no session needed.
const SAMPLES = {
  zh: [
    '小区,楼栋,单元,房号,楼层,建筑面积,状态,姓名,电话,邮箱,身份,计费起始日',
    '阳光花园,1栋,1,101,1,89.50,已入住,张伟,13800000001,,业主,',
    '阳光花园,1栋,1,102,1,89.50,空置,,,,,',
    '阳光花园,1栋,2,1201,12,120.00,已入住,李娜,13900000002,lina@example.com,业主,',
    '阳光花园,1栋,2,1201,12,120.00,已入住,王强,13700000003,,租户,',
    '阳光花园,2栋,,301,3,76.35,装修中,赵敏,13600000004,,业主,2026-05-17',
  ],
  en: [
    'community,building,entrance,unit,floor,area,status,resident,phone,email,kind,billing start',
    'Sunshine Garden,Block 1,1,101,1,89.50,occupied,Zhang Wei,13800000001,,owner,',
    'Sunshine Garden,Block 1,1,102,1,89.50,vacant,,,,,',
    'Sunshine Garden,Block 1,2,1201,12,120.00,occupied,Li Na,13900000002,lina@example.com,owner,',
    'Sunshine Garden,Block 1,2,1201,12,120.00,occupied,Wang Qiang,13700000003,,occupant,',
    'Sunshine Garden,Block 2,,301,3,76.35,renovation,Zhao Min,13600000004,,owner,2026-05-17',
  ],
};

export function GET(request: Request) {
  const lang = new URL(request.url).searchParams.get('lang') === 'en' ? 'en' : 'zh';
  // The BOM makes Excel open the file as UTF-8.
  const body = `\uFEFF${SAMPLES[lang].join('\r\n')}\r\n`;
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="units-sample-${lang}.csv"`,
      'cache-control': 'public, max-age=3600',
    },
  });
}
