/**
 * 指纹/面容解锁 through WebAuthn's platform authenticator, registered and checked on the device
 * alone (platform-assertion.ts says why no server is needed for a local lock). The credential id
 * is kept with the user's PIN; user verification is required both when it is made and when used.
 */
import { assertionVerifiesUser, fromBase64Url, toBase64Url } from '../../sync/lock/platform-assertion';

const TIMEOUT_MS = 60_000;

/** Whether the phone offers a user-verifying platform authenticator (fingerprint, face, …). */
export async function platformUnlockAvailable(): Promise<boolean> {
  try {
    return (await globalThis.PublicKeyCredential?.isUserVerifyingPlatformAuthenticatorAvailable?.()) === true;
  } catch {
    return false;
  }
}

/** Makes a credential for this user on this device; answers its id, or undefined if refused. */
export async function registerPlatformUnlock(user: {
  id: string;
  name: string;
}): Promise<string | undefined> {
  try {
    const credential = await navigator.credentials.create({
      publicKey: {
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        rp: { name: '网格管家' },
        user: { id: new TextEncoder().encode(user.id), name: user.name, displayName: user.name },
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: {
          authenticatorAttachment: 'platform',
          userVerification: 'required',
          residentKey: 'discouraged',
        },
        attestation: 'none',
        timeout: TIMEOUT_MS,
      },
    });
    return credential instanceof PublicKeyCredential
      ? toBase64Url(new Uint8Array(credential.rawId))
      : undefined;
  } catch (error) {
    console.warn('platform unlock not registered', error);
    return undefined;
  }
}

/** Asks the platform authenticator to verify the user; true only for a verified assertion. */
export async function verifyPlatformUnlock(credentialId: string): Promise<boolean> {
  const challenge = crypto.getRandomValues(new Uint8Array(32));
  try {
    const credential = await navigator.credentials.get({
      publicKey: {
        challenge,
        allowCredentials: [{ type: 'public-key', id: fromBase64Url(credentialId), transports: ['internal'] }],
        userVerification: 'required',
        timeout: TIMEOUT_MS,
      },
    });
    if (!(credential instanceof PublicKeyCredential)) return false;
    const response = credential.response as AuthenticatorAssertionResponse;
    return assertionVerifiesUser(
      {
        rawId: credential.rawId,
        clientDataJSON: response.clientDataJSON,
        authenticatorData: response.authenticatorData,
      },
      { credentialId, challenge, origin: location.origin },
    );
  } catch (error) {
    console.warn('platform unlock refused', error);
    return false;
  }
}
