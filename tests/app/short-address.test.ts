import { describe, expect, it } from 'vitest';
import { shortAddress } from '../../src/app/lib/short-address';

describe('shortAddress', () => {
  it('drops the district and the road number, keeping the estate, building and room', () => {
    expect(shortAddress('江北新区大厂大街77号湖滨新村2栋302室')).toBe('湖滨新村2栋302室');
    expect(shortAddress('大厂街道湖滨新寓5栋302室')).toBe('大厂街道湖滨新寓5栋302室');
  });

  it('keeps an address that would come out empty', () => {
    expect(shortAddress('江北新区浦泗路18号')).toBe('江北新区浦泗路18号');
  });
});
