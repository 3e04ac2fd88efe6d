import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditActionKey } from '@/server/shared/audit-catalog';

// #17 point 5: every action and object type a service writes to the audit log is in the
// catalog's lists (the log's filters) and has a name in both languages; the Chinese names carry
// no English word, so the log reads in Chinese.

const ROOT = process.cwd();
const files = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((f) => {
    const rel = join(dir, f);
    if (statSync(join(ROOT, rel)).isDirectory()) return rel.includes('generated') ? [] : files(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });

/** The action and entity literals of every recordAudit call (ternaries included), and of the demo generator's raw insert. */
function written() {
  const actions = new Set<string>();
  const entities = new Set<string>();
  for (const f of [...files('server'), ...files('prisma')]) {
    const src = readFileSync(join(ROOT, f), 'utf8');
    for (const m of src.matchAll(/recordAudit\(([\s\S]*?)\}\);/g)) {
      const call = m[1]!;
      const action = /action:\s*([^,\n]+)/.exec(call)?.[1] ?? '';
      for (const lit of action.matchAll(/'([a-zA-Z.]+)'/g)) actions.add(lit[1]!);
      const entity = /entity:\s*'([A-Za-z]+)'/.exec(call)?.[1];
      if (entity) entities.add(entity);
      else if (/entity:\s*ENTITY/.test(call)) entities.add(/const ENTITY = '([A-Za-z]+)'/.exec(src)![1]!);
    }
    for (const m of src.matchAll(/insert into "AuditLog"[^;]*?'([a-z]+\.[a-zA-Z.]+)', '([A-Za-z]+)'/g)) {
      actions.add(m[1]!);
      entities.add(m[2]!);
    }
  }
  return { actions, entities };
}

type Tree = { [k: string]: string | Tree };
const audit = (locale: string) => JSON.parse(readFileSync(join(ROOT, 'app/_i18n/messages', locale, 'audit.json'), 'utf8')) as Tree;
const at = (t: Tree, path: string) => path.split('.').reduce<string | Tree | undefined>((n, k) => (n && typeof n === 'object' ? n[k] : undefined), t);

describe('the audit log catalog', () => {
  const { actions, entities } = written();

  it('finds the services’ actions (the scan itself works)', () => {
    expect(actions.size).toBeGreaterThan(60);
    expect(actions).toContain('adjustment.approve');
    expect(actions).toContain('adjustment.reject');
    expect(actions).toContain('billing.lateFees.payment');
    expect(entities).toContain('OnlinePaymentSettings');
  });

  it('lists every action and object type a service writes', () => {
    expect([...actions].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
    expect([...entities].filter((e) => !(AUDIT_ENTITIES as readonly string[]).includes(e))).toEqual([]);
  });

  it.each(['zh-CN', 'en'])('names every action and object type in %s', (locale) => {
    const t = audit(locale);
    expect(AUDIT_ACTIONS.filter((a) => typeof at(t, `actions.${auditActionKey(a)}`) !== 'string')).toEqual([]);
    expect(AUDIT_ENTITIES.filter((e) => typeof at(t, `entities.${e}`) !== 'string')).toEqual([]);
  });

  it('the Chinese names are Chinese (no English word but Stripe)', () => {
    const t = audit('zh-CN');
    const names = [...AUDIT_ACTIONS.map((a) => at(t, `actions.${auditActionKey(a)}`)), ...AUDIT_ENTITIES.map((e) => at(t, `entities.${e}`))] as string[];
    expect(names.filter((n) => /[A-Za-z]{2,}/.test(n.replace(/Stripe/g, '')) || !/[\u4e00-\u9fff]/.test(n))).toEqual([]);
  });

  it('action keys are paths of two levels', () => {
    expect(auditActionKey('billing.lateFees')).toBe('billing.lateFees');
    expect(auditActionKey('billing.lateFees.payment')).toBe('billing.lateFees_payment');
    expect(auditActionKey('billing.auto.update')).toBe('billing.auto_update');
  });
});
