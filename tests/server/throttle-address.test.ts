import { describe, expect, it } from 'vitest';
import { throttleAddress } from '../../src/server/auth/throttle-address';

describe('throttleAddress', () => {
  it('keeps IPv4 as is and unwraps IPv4-mapped IPv6', () => {
    expect(throttleAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(throttleAddress('::FFFF:10.1.2.3')).toBe('10.1.2.3');
  });

  it('counts IPv6 by its /64, however the address is written', () => {
    const network = '2001:db8:1:2::/64';
    for (const address of [
      '2001:db8:1:2::1',
      '2001:0db8:0001:0002:ffff:ffff:ffff:ffff',
      '2001:DB8:1:2:0:0:0:9',
      '2001:db8:1:2::a%eth0',
      '2001:db8:1:2::192.0.2.1',
    ])
      expect(throttleAddress(address), address).toBe(network);
    expect(throttleAddress('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress('fe80::1')).toBe('fe80:0:0:0::/64');
  });

  it('leaves anything that is not an IP address alone (a proxy that forwards a name)', () => {
    expect(throttleAddress('proxy.internal')).toBe('proxy.internal');
  });
});
