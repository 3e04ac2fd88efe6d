import { describe, expect, it } from 'vitest';
import { ZTenantSlugValue, definedOnly } from '@/server/shared/validation';
import { ZArea, ZCommunityUpdate, ZResidentUpdate } from '@/server/shared/schemas/property';
import { ZSignUp } from '@/server/shared/schemas/tenancy';
import { can, PERMISSIONS } from '@/server/shared/permissions';

describe('slug', () => {
  it.each(['acme', 'cui-zhu-yuan', 'abc123'])('accepts %s', (s) => expect(ZTenantSlugValue.parse(s)).toBe(s));
  it('lower-cases and trims', () => expect(ZTenantSlugValue.parse('  ACME ')).toBe('acme'));
  it.each(['ab', '-acme', 'acme-', 'ac me', 'a_b', '物业', 'api', 'sign-in', 'x'.repeat(41)])('refuses %s', (s) =>
    expect(ZTenantSlugValue.safeParse(s).success).toBe(false),
  );
});

describe('floor area', () => {
  it.each([
    ['89.5', '89.50'],
    [120, '120.00'],
    ['0.01', '0.01'],
    ['007.1', '7.10'],
    ['99999999.99', '99999999.99'],
  ])('%s → %s', (input, out) => expect(ZArea.parse(input)).toBe(out));
  it.each(['0', '-1', '1.234', 'abc', '', '1e3', '123456789'])('refuses %s', (s) => expect(ZArea.safeParse(s).success).toBe(false));
});

describe('partial updates', () => {
  it('leave out what was not given (no defaults sneak in)', () => {
    expect(ZCommunityUpdate.parse({ id: 'x', name: 'n' })).toEqual({ id: 'x', name: 'n' });
    expect(ZResidentUpdate.parse({ id: 'x', phone: '138 0000 0000' })).toEqual({ id: 'x', phone: '138 0000 0000' });
    expect(definedOnly({ a: 1, b: undefined, c: null })).toEqual({ a: 1, c: null });
  });
});

describe('sign-up input', () => {
  it('says which fields are wrong', () => {
    const r = ZSignUp.safeParse({ companyName: 'A', slug: 'ok-slug', adminName: '', email: 'x', password: '123' });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path[0]).sort();
    expect(fields).toEqual(['adminName', 'companyName', 'email', 'password']);
  });
  it('normalises the e-mail', () => {
    expect(ZSignUp.parse({ companyName: 'Acme', slug: 'acme', adminName: 'A', email: ' Boss@Acme.CN ', password: '12345678' }).email).toBe('boss@acme.cn');
  });
});

describe('permissions', () => {
  it('only admins write the register and manage members', () => {
    for (const role of ['CASHIER', 'STAFF', 'EXECUTIVE', 'RESIDENT'] as const) {
      expect(can(role, 'register.write')).toBe(false);
      expect(can(role, 'members.manage')).toBe(false);
      expect(can(role, 'audit.read')).toBe(false);
    }
    expect(can('ADMIN', 'register.write')).toBe(true);
  });
  it('residents see only their own homes, never the register', () => {
    expect(can('RESIDENT', 'register.read')).toBe(false);
    expect(can('RESIDENT', 'resident.self')).toBe(true);
    expect(PERMISSIONS['resident.self']).toEqual(['RESIDENT']);
  });
  it('executives read but never write', () => {
    expect(can('EXECUTIVE', 'register.read')).toBe(true);
    const writes = Object.entries(PERMISSIONS).filter(([k]) => /write|manage/.test(k));
    for (const [, roles] of writes) expect(roles).not.toContain('EXECUTIVE');
  });
});
