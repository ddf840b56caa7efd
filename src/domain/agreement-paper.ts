/**
 * The 人民调解协议书 as printed (人民调解法 第28–31条), built from the dispute record the device
 * holds: the parties' basic information, the facts and points in dispute, the agreed terms, how and
 * by when they are performed, and a box per party and mediator for the signature. It is the legal
 * document, so the parties' details are in full — which makes opening it an audited reveal of
 * every personal value it prints (`revealedFields`, queued like a 显示 tap: reveal.ts).
 */
import type { DisputeBody, Party } from './dispute';
import {
  type AgreementSigner,
  agreementSigners,
  hasAgreementPaper,
  latestSignatures,
} from './dispute-signatures';
import { localDayOf } from './due-dates';
import type { DisputeRecord } from './record-envelope';

/** A party's line on the paper: the 申请书's basic information, in full. */
export interface PaperParty {
  id: string;
  role: Party['role'];
  partyType: Party['partyType'];
  name: string;
  gender?: Party['gender'];
  age?: number;
  occupation?: string;
  address?: string;
  phone?: string;
  idNo?: string;
}

/** A signature box: whose it is and, once signed on the phone, the image's photo id and day. */
export interface SignatureBox extends AgreementSigner {
  photoId?: string;
  signedDay?: string;
}

export interface AgreementPaper {
  recordId: string;
  /** 卷号 or 协议编号, whichever the case has (the agreement's own first). */
  number?: string;
  /** 调解委员会: the organisation that mediated; a blank line when the case names none. */
  committee?: string;
  parties: PaperParty[];
  /** 纠纷主要事实、争议事项及各方责任: the agreement's own statement, else the case summary. */
  facts: string;
  terms: string;
  amountYuan?: number;
  performanceMethod?: string;
  performancePlace?: string;
  performanceDeadline?: string;
  /** The day printed under the signatures: when it takes effect, else the day it is printed. */
  day: string;
  /** 一式N份: one per party and one kept by the committee (第29条). */
  copies: number;
  signatures: SignatureBox[];
  /** Dotted paths of the personal values printed in full, for the reveal audit. */
  revealedFields: string[];
  /** Some printed name, phone or ID number is itself masked on this device: do not print it as the document. */
  masked: boolean;
}

/** A value as the list shows it (张*明, 138****1234): a device that only holds that cannot print the document. */
export function looksMasked(value: string | undefined): boolean {
  return value !== undefined && /\*/.test(value);
}

function paperParty(party: Party): PaperParty {
  const { id, role, partyType, name, gender, age, occupation, address, phone, idNo } = party;
  return {
    id,
    role,
    partyType,
    name,
    ...(gender !== undefined && { gender }),
    ...(age !== undefined && { age }),
    ...(occupation !== undefined && { occupation }),
    ...(address !== undefined && { address }),
    ...(phone !== undefined && { phone }),
    ...(idNo !== undefined && { idNo }),
  };
}

/** The personal fields of a party the paper prints, as reveal paths (`body.parties.<id>.phone`). */
const PRINTED_PARTY_FIELDS = ['name', 'address', 'phone', 'idNo'] as const;

function revealedFieldsOf(body: DisputeBody): string[] {
  return [
    ...body.parties.flatMap((party) =>
      PRINTED_PARTY_FIELDS.filter((field) => party[field] !== undefined).map(
        (field) => `body.parties.${party.id}.${field}`,
      ),
    ),
    ...(body.mediators ?? []).map((mediator) => `body.mediators.${mediator.id}.name`),
  ];
}

/** The paper of a dispute with an agreement, or undefined when it has none to print (hasAgreementPaper). */
export function agreementPaper(record: DisputeRecord, now: Date): AgreementPaper | undefined {
  const { body } = record;
  const agreement = body.agreement;
  if (!agreement || !hasAgreementPaper(body)) return undefined;
  const signed = latestSignatures(body.signatures);
  const number = agreement.agreementNo ?? body.caseNo;
  return {
    recordId: record.id,
    ...(number !== undefined && { number }),
    ...(body.mediationOrg !== undefined && { committee: body.mediationOrg }),
    parties: body.parties.map(paperParty),
    facts: agreement.facts ?? body.summary,
    terms: agreement.terms,
    ...(agreement.amountYuan !== undefined && { amountYuan: agreement.amountYuan }),
    ...(agreement.performanceMethod !== undefined && { performanceMethod: agreement.performanceMethod }),
    ...(agreement.performancePlace !== undefined && { performancePlace: agreement.performancePlace }),
    ...(agreement.performanceDeadline !== undefined && {
      performanceDeadline: agreement.performanceDeadline,
    }),
    day: agreement.effectiveAt ?? localDayOf(now),
    copies: body.parties.length + 1,
    signatures: agreementSigners(body).map((signer) => {
      const signature = signed.get(signer.id);
      return signature
        ? { ...signer, photoId: signature.photoId, signedDay: localDayOf(new Date(signature.signedAt)) }
        : signer;
    }),
    revealedFields: revealedFieldsOf(body),
    masked: body.parties.some(
      (party) => looksMasked(party.name) || looksMasked(party.phone) || looksMasked(party.idNo),
    ),
  };
}
