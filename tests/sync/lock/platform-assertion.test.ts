import { describe, expect, it } from 'vitest';
import {
  type AssertionParts,
  assertionVerifiesUser,
  fromBase64Url,
  toBase64Url,
} from '../../../src/sync/lock/platform-assertion';

const CHALLENGE = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
const CREDENTIAL = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);
const ORIGIN = 'https://gridkeeper.example';
const expected = { credentialId: toBase64Url(CREDENTIAL), challenge: CHALLENGE, origin: ORIGIN };

function assertion(
  overrides: { flags?: number; clientData?: object; rawId?: Uint8Array } = {},
): AssertionParts {
  const authenticatorData = new Uint8Array(37);
  authenticatorData[32] = overrides.flags ?? 0x05;
  const clientData = overrides.clientData ?? {
    type: 'webauthn.get',
    challenge: toBase64Url(CHALLENGE),
    origin: ORIGIN,
  };
  return {
    rawId: (overrides.rawId ?? CREDENTIAL).slice().buffer,
    clientDataJSON: new TextEncoder().encode(JSON.stringify(clientData)).buffer,
    authenticatorData: authenticatorData.buffer,
  };
}

describe('platform unlock assertion', () => {
  it('accepts the registered credential, user verified, answering our challenge on our origin', () => {
    expect(assertionVerifiesUser(assertion(), expected)).toBe(true);
  });

  it('refuses an assertion without user verification, or without presence', () => {
    expect(assertionVerifiesUser(assertion({ flags: 0x01 }), expected)).toBe(false);
    expect(assertionVerifiesUser(assertion({ flags: 0x04 }), expected)).toBe(false);
  });

  it('refuses another credential, a stale challenge, another origin or a registration', () => {
    expect(assertionVerifiesUser(assertion({ rawId: new Uint8Array(16) }), expected)).toBe(false);
    const data = { type: 'webauthn.get', challenge: toBase64Url(CHALLENGE), origin: ORIGIN };
    expect(assertionVerifiesUser(assertion({ clientData: { ...data, challenge: 'AAAA' } }), expected)).toBe(
      false,
    );
    expect(
      assertionVerifiesUser(assertion({ clientData: { ...data, origin: 'https://evil.example' } }), expected),
    ).toBe(false);
    expect(
      assertionVerifiesUser(assertion({ clientData: { ...data, type: 'webauthn.create' } }), expected),
    ).toBe(false);
  });

  it('round-trips base64url ids', () => {
    expect(Array.from(fromBase64Url(toBase64Url(CREDENTIAL)))).toEqual(Array.from(CREDENTIAL));
    expect(toBase64Url(CREDENTIAL)).not.toMatch(/[+/=]/);
  });
});
