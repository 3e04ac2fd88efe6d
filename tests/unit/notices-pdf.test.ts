import { describe, expect, it } from 'vitest';
import { MAX_ROWS, renderNoticesPdf } from '@/server/collection/notice-pdf';
import type { Notice, NoticeBatch } from '@/server/collection/notices';
import { toChineseCapital } from '@/server/payments/capital-numerals';

// 催缴通知单 layout (#17 point 2): one page per household, what each page says, and the amounts
// in figures and in Chinese capitals.

const notice = (label: string, bills: number, fen = 18_900): Notice => {
  const list = Array.from({ length: bills }, (_, i) => ({
    billId: `b${i}`,
    name: '物业服务费',
    periodLabel: `2026-${String((i % 12) + 1).padStart(2, '0')}`,
    dueDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
    daysOverdue: 200 - i,
    unpaidFen: fen,
  }));
  const totalFen = list.reduce((s, b) => s + b.unpaidFen, 0);
  return { payerKind: 'UNIT', payerId: label, label, name: '李一', bills: list, totalFen, totalCapital: toChineseCapital(totalFen) };
};
const batch = (notices: Notice[], over: Partial<NoticeBatch> = {}): NoticeBatch => ({
  companyName: '睦宁物业',
  company: { address: '南京市鼓楼区睦宁路 1 号', phone: '025-8888 6666', seal: null },
  slug: 'muning',
  locale: 'zh-CN',
  currency: 'CNY',
  asOf: '2026-12-05',
  notices,
  ...over,
});

describe('催缴通知单 PDF', () => {
  it('draws one page per household: company, contact, heading, household, bills with periods, totals in figures and capitals, how to pay, date', async () => {
    const { pdf, pages } = await renderNoticesPdf(batch([notice('翠竹园 1号楼 1单元-101', 2), notice('翠竹园 1号楼 1单元-102', 1, 12_345)]), {
      siteUrl: 'https://linli.example.com/',
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(pages).toHaveLength(2);
    const [p1, p2] = pages as [string[], string[]];
    expect(p1).toEqual(
      expect.arrayContaining([
        '睦宁物业',
        '地址：南京市鼓楼区睦宁路 1 号　电话：025-8888 6666',
        '催 缴 通 知 单',
        '翠竹园 1号楼 1单元-101（李一） 业主/住户：',
        '2026-01',
        '2026-02',
        '2026-01-15',
        '200',
        '¥189.00',
        '合计欠缴（大写）：人民币叁佰柒拾捌元整',
        '（小写）¥378.00',
        '缴费方式：',
        '· 登录 https://linli.example.com/muning/my/bills ，在“我的账单”中在线缴纳；',
        '2026-12-05',
      ]),
    );
    expect(p1.some((l) => l.includes('截至 2026-12-05'))).toBe(true);
    expect(p2).toContain('合计欠缴（大写）：人民币壹佰贰拾叁元肆角伍分');
    expect(p2).toContain('（小写）¥123.45');
    expect(p2.some((l) => l.includes('1单元-101'))).toBe(false);
  });

  it('keeps a household with many bills on one page: the oldest MAX_ROWS, a line for the rest, the total of all', async () => {
    const { pdf, pages } = await renderNoticesPdf(batch([notice('翠竹园 2号楼 301', MAX_ROWS + 6, 10_000)]), { siteUrl: 'http://localhost:3000' });
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(pages[0]!.filter((l) => l === '物业服务费')).toHaveLength(MAX_ROWS);
    expect(pages[0]).toContain('另有 6 笔账单未列出，合计已含。');
    expect(pages[0]).toContain(`合计欠缴（大写）：人民币${toChineseCapital((MAX_ROWS + 6) * 10_000)}`);
  });

  it('leaves out the contact line when the company has none, and embeds the seal when it has one', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
    const plain = await renderNoticesPdf(batch([notice('101', 1)], { company: { address: '', phone: '', seal: null } }), { siteUrl: 'http://x' });
    expect(plain.pages[0]!.some((l) => l.startsWith('地址'))).toBe(false);
    expect(plain.pdf.toString('latin1')).not.toMatch(/\/Subtype \/Image/);
    const sealed = await renderNoticesPdf(batch([notice('101', 1)], { company: { address: '', phone: '', seal: png } }), { siteUrl: 'http://x' });
    expect(sealed.pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });
});
