import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRouter } from '@/server/api/root';

// #13 points 5 and 6 as the code's shape: one Scope type, services that neither re-parse their
// input nor re-read the tenant row, routers that hand services ctx.scope, queries named list*/get*.

const root = join(__dirname, '../..');
const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(root, rel)).isDirectory() ? filesUnder(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
const source = (rel: string) => readFileSync(join(root, rel), 'utf8');

/** The feature folders: services (not the tRPC layer, the database layer or the pure shared modules). */
const services = filesUnder('server').filter((f) => !/^server\/(api|db|shared|i18n|http)\//.test(f) && f.split('/').length > 2);

/** The fields a scope carries (server/db/scope.ts ScopeTenant). */
const SCOPE_FIELDS = ['name', 'slug', 'locale', 'timeZone', 'currency'];
/**
 * A read of the tenant row by id that is not a `select` of columns the scope does not carry
 * (the company's address, phone and seal of #17 are read where they are printed).
 */
function rereadsScopeFields(s: string): boolean {
  return [...s.matchAll(/\.tenant\.findUnique\(\{\s*where:\s*\{\s*id\b[^}]*\}\s*(,\s*select:\s*\{([^}]*)\})?/g)].some((m) => {
    const selected = m[2]?.match(/\w+(?=\s*:)/g);
    return !selected || selected.some((k) => SCOPE_FIELDS.includes(k));
  });
}

describe('one service scope', () => {
  it('has one Scope type, in server/db/scope.ts', () => {
    const declaring = filesUnder('server').filter((f) => /^(export )?(type|interface) Scope\b/m.test(source(f)));
    expect(declaring).toEqual(['server/db/scope.ts']);
  });

  it('services parse no input again and never re-read the tenant row for what the scope holds', () => {
    const offenders = services.flatMap((f) => {
      const s = source(f);
      return [
        ...(/\bZ\w+\.parse\((input|raw)\)/.test(s) ? [`${f}: re-parses its input`] : []),
        ...(rereadsScopeFields(s) ? [`${f}: reads the tenant row`] : []),
      ];
    });
    expect(offenders).toEqual([]);
  });

  it('routers hand services ctx.scope, not the transaction and ids piecemeal', () => {
    // uploads answers the upload route with the ids themselves; account's flows have no company yet.
    const tenantRouters = filesUnder('server/api/routers').filter((f) => !/\/(uploads|account)\.ts$/.test(f));
    expect(tenantRouters.length).toBeGreaterThan(5);
    const offenders = tenantRouters.filter((f) => /ctx\.db\b|ctx\.tenant\.id\b|ctx\.user\.id\b/.test(source(f).replace(/\/\/.*$/gm, '')));
    expect(offenders).toEqual([]);
  });
});

describe('names match across layers', () => {
  it('query procedures are named list* or get*', () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const queries = Object.entries(procedures)
      .filter(([, p]) => p._def.type === 'query')
      .map(([path]) => path);
    expect(queries.length).toBeGreaterThan(40);
    expect(queries.filter((path) => !/^(list|get)([A-Z]|$)/.test(path.split('.').pop()!))).toEqual([]);
  });

  it('a router with a page of its name has components/<name>/ and server/<name>/ of that name', () => {
    const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const isDir = (rel: string) => existsSync(join(root, rel)) && statSync(join(root, rel)).isDirectory();
    const withPage = Object.keys(appRouter._def.record)
      .map(kebab)
      .filter((name) => isDir(`app/[tenant]/${name}`));
    expect(withPage).toEqual(expect.arrayContaining(['fee-items', 'parking', 'meters', 'my-bills', 'members', 'payments', 'online-payments']));
    const mismatched = withPage.filter((name) => !isDir(`components/${name}`) || !isDir(`server/${name}`));
    expect(mismatched).toEqual([]);
  });
});
