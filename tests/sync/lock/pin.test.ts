import { describe, expect, it } from 'vitest';
import { hashPin, PIN_HASH_ITERATIONS, verifyPin } from '../../../src/sync/lock/pin-hash';
import { pinProblem } from '../../../src/sync/lock/pin-rules';

describe('PIN rules', () => {
  it('refuses the PINs a finder tries first', () => {
    for (const pin of [
      '000000',
      '999999',
      '123456',
      '654321',
      '012345',
      '987654',
      '121212',
      '123123',
      '909090',
    ])
      expect(pinProblem(pin), pin).toBe('trivial');
  });

  it('asks for exactly six digits', () => {
    expect(pinProblem('12345')).toBe('length');
    expect(pinProblem('1234567')).toBe('length');
    expect(pinProblem('')).toBe('length');
    expect(pinProblem('25a036')).toBe('digits');
    expect(pinProblem('２５８０３６')).toBe('digits');
  });

  it('takes an ordinary PIN', () => {
    for (const pin of ['258036', '740193', '112358', '123457']) expect(pinProblem(pin), pin).toBeUndefined();
  });
});

describe('PIN hash', () => {
  it('keeps no trace of the PIN, salts each hash, and verifies only the right PIN', async () => {
    const first = await hashPin('258036');
    const second = await hashPin('258036');
    expect(first.iterations).toBe(PIN_HASH_ITERATIONS);
    expect(JSON.stringify(first)).not.toContain('258036');
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
    expect(atob(first.hash)).toHaveLength(32);
    expect(await verifyPin('258036', first)).toBe(true);
    expect(await verifyPin('258037', first)).toBe(false);
    expect(await verifyPin('', first)).toBe(false);
  });

  it('verifies with the iteration count stored with the hash', async () => {
    const stored = await hashPin('740193', 1000);
    expect(stored.iterations).toBe(1000);
    expect(await verifyPin('740193', stored)).toBe(true);
    expect(await verifyPin('740193', { ...stored, iterations: 1001 })).toBe(false);
  });
});
