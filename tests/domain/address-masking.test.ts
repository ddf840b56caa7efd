import { describe, expect, it } from 'vitest';
import { maskAddress } from '../../src/domain/address-masking';

describe('address masking', () => {
  it('keeps the building and hides the room number', () => {
    expect(maskAddress('湖滨新寓5栋302室')).toBe('湖滨新寓5栋***室');
    expect(maskAddress('湖滨路12号3单元501')).toBe('湖滨路12号3单元***');
  });

  it('hides a lone door number', () => {
    expect(maskAddress('湖滨路12号')).toBe('湖滨路**号');
  });

  it('keeps only the first half of an address without numbers', () => {
    expect(maskAddress('城南菜场东门')).toBe('城南菜***');
  });
});
