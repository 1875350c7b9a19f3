import { describe, expect, it } from 'vitest';
import { addressRefusal, connectRefusal } from './destinations.ts';

// Every IPv6 form that carries an IPv4 address is refused, whatever it carries — at subscription
// (addressRefusal on the URL's host) and at every connection after DNS (connectRefusal), and the
// refusal names the IPv4 address inside so an operator sees what was aimed at (issue 37, 6).
describe('IPv6 forms that embed IPv4 addresses', () => {
  it.each([
    ['::a9fe:a9fe', '169.254.169.254', /IPv4 兼容/],
    ['::7f00:1', '127.0.0.1', /IPv4 兼容/],
    ['::a00:1', '10.0.0.1', /IPv4 兼容/],
    ['::5db8:d822', '93.184.216.34', /IPv4 兼容/],
    ['::ffff:7f00:1', '127.0.0.1', /IPv4 映射/],
    ['::ffff:0:a9fe:a9fe', '169.254.169.254', /SIIT/],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254', /NAT64/],
    ['64:ff9b:1::a00:1', undefined, /NAT64/],
    ['2002:a9fe:a9fe::1', '169.254.169.254', /6to4/],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', '127.0.0.1', /Teredo/],
  ])('refuses %s (carries %s)', (address, inner, kind) => {
    const why = addressRefusal(address);
    expect(why?.zh).toMatch(kind);
    if (inner) expect(why?.zh).toContain(inner);
    if (inner) expect(why?.en).toContain(inner);
    expect(connectRefusal(address, {})).toEqual(why);
  });

  it('still refuses :: and ::1 by their own names, and lets a public IPv6 address through', () => {
    expect(addressRefusal('::')?.zh).toMatch(/未指定/);
    expect(addressRefusal('::1')?.zh).toMatch(/回环/);
    expect(addressRefusal('2606:2800:220:1:248:1893:25c8:1946')).toBeUndefined();
    expect(addressRefusal('93.184.216.34')).toBeUndefined();
  });

  it('an operator’s allow list still opens what it names, and nothing more', () => {
    expect(connectRefusal('::1', { allow: ['::1'] })).toBeUndefined();
    expect(connectRefusal('::7f00:1', { allow: ['::1'] })).toBeDefined();
  });
});
