import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies } from './client-address.ts';

describe('the client a request is from (--trusted-proxies)', () => {
  const behindNginx = clientAddress(parseTrustedProxies(['10.0.0.0/8', '127.0.0.1']));

  it('reads X-Forwarded-For only from a trusted proxy, from the right, skipping trusted hops', () => {
    expect(behindNginx('10.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
    // Two proxies (a load balancer, then nginx): the first untrusted address from the right.
    expect(behindNginx('127.0.0.1', '203.0.113.7, 10.0.0.9')).toBe('203.0.113.7');
    // A dual-stack socket's IPv4-mapped peer is the IPv4 address it maps.
    expect(behindNginx('::ffff:10.0.0.2', '198.51.100.4')).toBe('198.51.100.4');
  });

  it('a client cannot name itself someone else', () => {
    // Straight to the server, not through a proxy: the header is the client's own word.
    expect(behindNginx('198.51.100.4', '203.0.113.7')).toBe('198.51.100.4');
    // Through the proxy, with a forged first entry: the proxy's own append is what counts.
    expect(behindNginx('10.0.0.2', '1.2.3.4, 198.51.100.4')).toBe('198.51.100.4');
    // Junk in the chain: no further than the proxy.
    expect(behindNginx('10.0.0.2', 'not-an-address')).toBe('10.0.0.2');
  });

  it('trusts nobody by default: behind an undeclared proxy every client is the proxy', () => {
    const none = clientAddress([]);
    expect(none('10.0.0.2', '203.0.113.7')).toBe('10.0.0.2');
    expect(none(undefined, undefined)).toBe('local');
  });

  it('refuses a list it cannot read, at start', () => {
    expect(() => parseTrustedProxies(['10.0.0.0/33'])).toThrow(/CIDR/);
    expect(() => parseTrustedProxies(['nginx'])).toThrow(/not an address/);
  });
});
