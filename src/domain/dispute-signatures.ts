/**
 * Signing the 人民调解协议书 on the phone (人民调解法 第29条): who may sign (each party and each
 * mediator of the case) and the step that adds a signature to the body. The image is a photo
 * (signature.ts) stored before the record that references it, like any photo.
 */
import type { DisputeBody } from './dispute';
import { isAgreed } from './dispute-status';
import type { Signature } from './signature';

/** One person who signs the agreement: a party (by role) or a mediator. */
export interface AgreementSigner {
  id: string;
  side: 'party' | 'mediator';
  name: string;
  /** A party's role (申请人, 被申请人, …); none for a mediator. */
  partyRole?: DisputeBody['parties'][number]['role'];
}

/** There is an agreement to print and sign: reached (调解成功 and after), or in a case closed since. */
export function hasAgreementPaper(body: DisputeBody): boolean {
  return body.agreement !== undefined && (isAgreed(body.status) || body.status === 'closed');
}

/** Everyone who signs, in the paper's order: the parties, then the mediators. */
export function agreementSigners(body: DisputeBody): AgreementSigner[] {
  return [
    ...body.parties.map((party) => ({
      id: party.id,
      side: 'party' as const,
      name: party.name,
      partyRole: party.role,
    })),
    ...(body.mediators ?? []).map((mediator) => ({
      id: mediator.id,
      side: 'mediator' as const,
      name: mediator.name,
    })),
  ];
}

export type SignRefusal = 'noAgreement' | 'unknownSigner';

/**
 * The body with `signer`'s signature: a signer who signs again replaces their earlier signature
 * (the pad's 清除 happens before 确认; this is for a spoilt one found later).
 */
export function signAgreement(
  body: DisputeBody,
  signature: Omit<Signature, 'id'>,
  newId: () => string,
): { ok: true; body: DisputeBody } | { ok: false; reason: SignRefusal } {
  if (!hasAgreementPaper(body)) return { ok: false, reason: 'noAgreement' };
  if (!agreementSigners(body).some((signer) => signer.id === signature.signer))
    return { ok: false, reason: 'unknownSigner' };
  const others = (body.signatures ?? []).filter((kept) => kept.signer !== signature.signer);
  return { ok: true, body: { ...body, signatures: [...others, { id: newId(), ...signature }] } };
}

/**
 * Each signer's latest signature: signing again replaces the old one on this device, but two
 * devices that both took one merge to both (a child list), and the later one counts.
 */
export function latestSignatures(signatures: readonly Signature[] | undefined): Map<string, Signature> {
  const latest = new Map<string, Signature>();
  for (const signature of signatures ?? []) {
    const kept = latest.get(signature.signer);
    if (!kept || kept.signedAt <= signature.signedAt) latest.set(signature.signer, signature);
  }
  return latest;
}
