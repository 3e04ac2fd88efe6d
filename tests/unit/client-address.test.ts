import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module of the HTTP server (no types)
import { clientAddress, parseTrustedHops, stampClientAddress } from '../../scripts/lib/client-address.mjs';
import { clientIp } from '@/server/http/client-ip';

describe('client address (point 6)', () => {
  it('without trusted proxies is the socket peer, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '1.2.3.4', 0)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:127.0.0.2', '1.2.3.4, 5.6.7.8', 0)).toBe('127.0.0.2');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });

  it('behind n proxies is the n-th X-Forwarded-For entry from the right; client-written entries are ignored', () => {
    expect(clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.1', ['6.6.6.6, 198.51.100.7', '10.0.0.2'], 2)).toBe('198.51.100.7');
    // fewer entries than hops: the leftmost (written by one of ours); none: the socket
    expect(clientAddress('10.0.0.1', '198.51.100.7', 2)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.1', '', 1)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', 'not-an-ip', 1)).toBe('10.0.0.1');
  });

  it('TRUSTED_PROXY_HOPS is a small whole number', () => {
    expect(parseTrustedHops(undefined)).toBe(0);
    expect(parseTrustedHops('2')).toBe(2);
    expect(() => parseTrustedHops('-1')).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => parseTrustedHops('one')).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it('overwrites a client-sent private header, in headers and rawHeaders', () => {
    const req = {
      socket: { remoteAddress: '::ffff:127.0.0.2' },
      headers: { 'x-linli-client-ip': '9.9.9.9', 'x-forwarded-for': '8.8.8.8' } as Record<string, string>,
      rawHeaders: ['X-Linli-Client-IP', '9.9.9.9', 'X-Forwarded-For', '8.8.8.8'],
    };
    stampClientAddress(req, 0);
    expect(req.headers['x-linli-client-ip']).toBe('127.0.0.2');
    expect(req.rawHeaders).toEqual(['X-Forwarded-For', '8.8.8.8', 'x-linli-client-ip', '127.0.0.2']);
  });

  it('clientIp reads only the private header', () => {
    expect(clientIp(new Headers({ 'x-linli-client-ip': '127.0.0.2', 'x-forwarded-for': '1.1.1.1' }))).toBe('127.0.0.2');
    expect(clientIp(new Headers({ 'x-forwarded-for': '1.1.1.1' }))).toBe('unknown');
    expect(clientIp({ 'x-linli-client-ip': '127.0.0.3' })).toBe('127.0.0.3');
    expect(clientIp(undefined)).toBe('unknown');
  });
});
