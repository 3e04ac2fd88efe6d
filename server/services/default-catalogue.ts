import 'server-only';
import type { TenantDb } from '../db/tenant';
import type { PriceModel, WorkOrderPriority } from '../db/generated/enums';

// The catalogue a new company starts with (#15): the 睦宁里 categories with a few items each, in
// Chinese (the company's own data, edited like any other). SLA targets are at NORMAL priority
// (DOMAIN.md "Service quality": urgent × 0.5): the emergency items default to URGENT with
// 30 min / 8 h, i.e. 15 min to first respond and 4 h to resolve as ordered.

interface DefaultItem {
  name: string;
  description: string;
  priceModel: PriceModel;
  priceFen?: number;
  sla?: [firstResponseMinutes: number, resolveHours: number];
  priority?: WorkOrderPriority;
  skills: string[];
}

const NORMAL_SLA: [number, number] = [60, 24];
const EMERGENCY_NORMAL_SLA: [number, number] = [30, 8];
const FEEDBACK_SLA: [number, number] = [120, 72];

export const DEFAULT_CATALOGUE: { name: string; kind: string; items: DefaultItem[] }[] = [
  {
    name: '针线缝补',
    kind: 'sewing',
    items: [
      { name: '裤脚改短', description: '裤脚改短、锁边，当天可取', priceModel: 'FIXED', priceFen: 1000, skills: ['sewing'] },
      { name: '钉纽扣', description: '钉纽扣、补扣眼，免费服务', priceModel: 'FREE', skills: ['sewing'] },
      { name: '更换拉链', description: '衣物、箱包拉链更换（含普通拉链）', priceModel: 'FIXED', priceFen: 2000, skills: ['sewing'] },
      { name: '衣物缝补', description: '开线、破洞缝补，视情况报价', priceModel: 'QUOTED', priceFen: 1500, skills: ['sewing'] },
    ],
  },
  {
    name: '小修小补',
    kind: 'repair',
    items: [
      { name: '水龙头维修', description: '滴水、松动、更换阀芯，上门查看后报价', priceModel: 'QUOTED', skills: ['plumbing'] },
      { name: '门锁维修', description: '门锁卡涩、把手松动等，上门查看后报价', priceModel: 'QUOTED', skills: ['locksmith'] },
      { name: '更换灯泡', description: '室内灯泡、灯管更换（灯泡由住户提供），免费服务', priceModel: 'FREE', skills: ['electrical'] },
      { name: '小家电维修', description: '电风扇、电水壶等小家电检修，报价后维修', priceModel: 'QUOTED', skills: ['electrical'] },
    ],
  },
  {
    name: '日常必需',
    kind: 'daily',
    items: [
      { name: '代收快递', description: '服务站代收、代存快递包裹', priceModel: 'FREE', skills: [] },
      { name: '工具借用', description: '梯子、电钻、扳手等工具借用', priceModel: 'FREE', skills: [] },
      { name: '磨刀', description: '菜刀、剪刀打磨', priceModel: 'FIXED', priceFen: 500, skills: [] },
      { name: '自行车打气', description: '自行车、电动车轮胎充气', priceModel: 'FREE', skills: [] },
    ],
  },
  {
    name: '应急维修',
    kind: 'emergency',
    items: [
      {
        name: '管道漏水抢修',
        description: '水管爆裂、漏水，24小时应急响应',
        priceModel: 'QUOTED',
        sla: EMERGENCY_NORMAL_SLA,
        priority: 'URGENT',
        skills: ['plumbing'],
      },
      {
        name: '停电抢修',
        description: '户内跳闸、断电排查，24小时应急响应',
        priceModel: 'QUOTED',
        sla: EMERGENCY_NORMAL_SLA,
        priority: 'URGENT',
        skills: ['electrical'],
      },
      { name: '下水道疏通', description: '下水道、马桶堵塞疏通', priceModel: 'QUOTED', sla: EMERGENCY_NORMAL_SLA, priority: 'URGENT', skills: ['plumbing'] },
    ],
  },
  {
    name: '公共报修',
    kind: 'common',
    items: [
      { name: '楼道灯维修', description: '楼道、电梯厅照明不亮', priceModel: 'FREE', skills: ['electrical'] },
      { name: '电梯故障', description: '电梯停运、异响等，物业立即处理', priceModel: 'FREE', sla: EMERGENCY_NORMAL_SLA, priority: 'URGENT', skills: [] },
      { name: '公共设施损坏', description: '门禁、健身器材、座椅等公共设施损坏', priceModel: 'FREE', skills: [] },
    ],
  },
  {
    name: '投诉建议',
    kind: 'complaint',
    items: [
      { name: '投诉', description: '对服务或环境的投诉，专人跟进回复', priceModel: 'FREE', sla: FEEDBACK_SLA, skills: [] },
      { name: '建议', description: '对社区服务的意见和建议', priceModel: 'FREE', sla: FEEDBACK_SLA, priority: 'LOW', skills: [] },
    ],
  },
];

/**
 * Gives a company the default catalogue, once: a company that already has any category (it ran
 * before, or the company set up its own) is left as it is.
 */
export async function createDefaultCatalogue(db: TenantDb, tenantId: string): Promise<{ created: boolean }> {
  if ((await db.serviceCategory.count({ where: { tenantId } })) > 0) return { created: false };
  for (const [sortOrder, c] of DEFAULT_CATALOGUE.entries()) {
    const cat = await db.serviceCategory.create({ data: { tenantId, name: c.name, kind: c.kind, sortOrder }, select: { id: true } });
    await db.serviceItem.createMany({
      data: c.items.map((i) => {
        const [firstResponseMinutes, resolveHours] = i.sla ?? NORMAL_SLA;
        return {
          tenantId,
          categoryId: cat.id,
          name: i.name,
          description: i.description,
          priceModel: i.priceModel,
          priceFen: i.priceFen ?? null,
          firstResponseMinutes,
          resolveHours,
          defaultPriority: i.priority ?? 'NORMAL',
          communityIds: [],
          skills: i.skills,
        };
      }),
    });
  }
  return { created: true };
}
