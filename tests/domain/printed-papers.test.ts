import { describe, expect, it } from 'vitest';
import { agreementPaper, looksMasked } from '../../src/domain/agreement-paper';
import { signAgreement } from '../../src/domain/dispute-signatures';
import { recordSchema } from '../../src/domain/record-envelope';
import { rectificationNotice } from '../../src/domain/rectification-notice';
import { sampleAgreedDispute, sampleDispute, sampleRentalInspection } from '../support/sample-records';

const ID = '0190a5d2-7a3b-7c4d-8e9f-000000000001';
const APPLICANT = '0190a5d2-7a3b-7c4d-8e9f-0123456789ab';
const RESPONDENT = '0190a5d2-7a3b-7c4d-8e9f-0123456789ac';
const MEDIATOR = '0190a5d2-7a3b-7c4d-8e9f-0123456789ad';
const PHOTO = 'a'.repeat(64);
const NOW = new Date('2026-11-25T02:00:00Z');
let next = 0;
const newId = () => `0190a5d2-7a3b-7c4d-8e9f-${String(++next).padStart(12, '0')}`;

describe('the 人民调解协议书', () => {
  it('prints the parties in full, the terms, performance and a box per party and mediator', () => {
    const paper = agreementPaper(sampleAgreedDispute(ID), NOW);
    expect(paper).toMatchObject({
      number: '(2026)湖滨人调字第12号',
      committee: '大厂街道湖滨社区人民调解委员会',
      terms: '赵伟于十日内修复防水层,并赔偿李秀英维修费800元。',
      facts: '502室卫生间防水层老化漏水,致402室顶面受损。',
      amountYuan: 800,
      performanceMethod: '现金支付',
      performanceDeadline: '2026-12-01',
      day: '2026-11-25',
      copies: 3,
      masked: false,
    });
    expect(paper?.parties.map((party) => [party.name, party.phone, party.idNo])).toEqual([
      ['李秀英', '13912345678', undefined],
      ['赵伟', undefined, '32011119800101123X'],
    ]);
    expect(paper?.signatures.map((box) => [box.side, box.name, box.photoId])).toEqual([
      ['party', '李秀英', undefined],
      ['party', '赵伟', undefined],
      ['mediator', '陈调解', undefined],
    ]);
  });

  it('names every full value it prints, for the reveal audit', () => {
    expect(agreementPaper(sampleAgreedDispute(ID), NOW)?.revealedFields).toEqual([
      `body.parties.${APPLICANT}.name`,
      `body.parties.${APPLICANT}.phone`,
      `body.parties.${RESPONDENT}.name`,
      `body.parties.${RESPONDENT}.idNo`,
      `body.mediators.${MEDIATOR}.name`,
    ]);
  });

  it('uses the case summary when the agreement states no facts, and the effective day when it has one', () => {
    const record = sampleAgreedDispute(ID);
    if (!record.body.agreement) throw new Error('sample has an agreement');
    delete record.body.agreement.facts;
    record.body.agreement.effectiveAt = '2026-11-22';
    const paper = agreementPaper(record, NOW);
    expect(paper?.facts).toBe(record.body.summary);
    expect(paper?.day).toBe('2026-11-22');
  });

  it('has no paper before an agreement is reached, nor after mediation failed', () => {
    expect(agreementPaper(sampleDispute(ID), NOW)).toBeUndefined();
    const failed = sampleAgreedDispute(ID);
    failed.body.status = 'mediating';
    expect(agreementPaper(failed, NOW)).toBeUndefined();
  });

  it('says when the device holds only masked values, instead of printing them as the document', () => {
    const record = sampleAgreedDispute(ID);
    const [first] = record.body.parties;
    if (first) first.name = '李*英';
    expect(agreementPaper(record, NOW)?.masked).toBe(true);
    expect(looksMasked('李秀英')).toBe(false);
    expect(looksMasked('139****5678')).toBe(true);
  });

  it('draws each signer’s latest signature in their box', () => {
    const record = sampleAgreedDispute(ID);
    record.body.signatures = [
      { id: newId(), signer: APPLICANT, photoId: 'b'.repeat(64), signedAt: '2026-11-24T01:00:00.000Z' },
      { id: newId(), signer: APPLICANT, photoId: PHOTO, signedAt: '2026-11-24T02:00:00.000Z' },
    ];
    const boxes = agreementPaper(record, NOW)?.signatures ?? [];
    expect(boxes.map((box) => box.photoId)).toEqual([PHOTO, undefined, undefined]);
    expect(boxes[0]?.signedDay).toBe('2026-11-24');
  });
});

describe('signing the agreement', () => {
  it('adds the signature, and a second signature of the same signer replaces the first', () => {
    const record = sampleAgreedDispute(ID);
    const at = '2026-11-25T02:00:00.000Z';
    const once = signAgreement(
      record.body,
      { signer: RESPONDENT, photoId: 'b'.repeat(64), signedAt: at },
      newId,
    );
    if (!once.ok) throw new Error(once.reason);
    const twice = signAgreement(once.body, { signer: RESPONDENT, photoId: PHOTO, signedAt: at }, newId);
    if (!twice.ok) throw new Error(twice.reason);
    expect(twice.body.signatures?.map((s) => [s.signer, s.photoId])).toEqual([[RESPONDENT, PHOTO]]);
    expect(recordSchema.safeParse({ ...record, body: twice.body }).success).toBe(true);
  });

  it('refuses a signer who is not on the case, and a case with no agreement', () => {
    const at = '2026-11-25T02:00:00.000Z';
    const stranger = signAgreement(
      sampleAgreedDispute(ID).body,
      { signer: newId(), photoId: PHOTO, signedAt: at },
      newId,
    );
    expect(stranger).toEqual({ ok: false, reason: 'unknownSigner' });
    const early = signAgreement(
      sampleDispute(ID).body,
      { signer: APPLICANT, photoId: PHOTO, signedAt: at },
      newId,
    );
    expect(early).toEqual({ ok: false, reason: 'noAgreement' });
  });
});

describe('the dispute schema’s signatures', () => {
  const paths = (record: unknown) => {
    const result = recordSchema.safeParse(record);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
  };

  it('takes signatures of the case’s parties and mediators', () => {
    const record = sampleAgreedDispute(ID);
    record.body.signatures = [
      { id: newId(), signer: APPLICANT, photoId: PHOTO, signedAt: '2026-11-25T02:00:00.000Z' },
      { id: newId(), signer: MEDIATOR, photoId: PHOTO, signedAt: '2026-11-25T02:00:00.000Z' },
    ];
    expect(paths(record)).toEqual([]);
  });

  it('names the field when a signature has a wrong type, a bad photo id or an unknown signer', () => {
    const record = sampleAgreedDispute(ID);
    const base = { id: newId(), signer: APPLICANT, photoId: PHOTO, signedAt: '2026-11-25T02:00:00.000Z' };
    expect(
      paths({ ...record, body: { ...record.body, signatures: [{ ...base, photoId: 'not-a-hash' }] } }),
    ).toEqual(['body.signatures.0.photoId']);
    expect(paths({ ...record, body: { ...record.body, signatures: [{ ...base, signedAt: 5 }] } })).toEqual([
      'body.signatures.0.signedAt',
    ]);
    expect(paths({ ...record, body: { ...record.body, signatures: { a: 1 } } })).toEqual(['body.signatures']);
    expect(
      paths({ ...record, body: { ...record.body, signatures: [{ ...base, signer: newId() }] } }),
    ).toEqual(['body.signatures']);
  });

  it('refuses signatures on a case without an agreement', () => {
    const record = sampleDispute(ID);
    record.body.signatures = [
      { id: newId(), signer: APPLICANT, photoId: PHOTO, signedAt: '2026-11-25T02:00:00.000Z' },
    ];
    expect(paths(record)).toEqual(['body.signatures']);
  });
});

describe('the 隐患整改通知书', () => {
  it('lists the hazards to fix with their deadline and responsible person, addressed to the landlord', () => {
    const record = sampleRentalInspection(ID);
    const [hazard] = record.body.hazards;
    if (hazard) hazard.responsibleParty = 'landlord';
    record.body.inspectors = [{ id: newId(), name: '周网格' }];
    record.body.noticeNo = '湖滨整改〔2026〕7号';
    expect(rectificationNotice(record)).toEqual({
      recordId: ID,
      noticeNo: '湖滨整改〔2026〕7号',
      address: '大厂街道湖滨新寓5栋302室',
      landlordName: '王建国',
      landlordPhone: '13812341234',
      hazards: [
        {
          id: '0190a5d2-7a3b-7c4d-8e9f-0000000000e1',
          itemCode: 'EB01',
          description: '电动车停放在门厅',
          level: 'major',
          deadline: '2026-11-27',
          responsibleParty: 'landlord',
          responsibleName: '王建国',
        },
      ],
      deadline: '2026-11-27',
      inspectors: ['周网格'],
      day: '2026-11-20',
      revealedFields: ['body.address', 'body.landlordName', 'body.landlordPhone'],
      masked: false,
    });
  });

  it('leaves out hazards already settled, and has no notice when none is left', () => {
    const record = sampleRentalInspection(ID);
    const [hazard] = record.body.hazards;
    if (hazard) hazard.status = 'recheckPassed';
    expect(rectificationNotice(record)).toBeUndefined();
  });

  it('names a tenant responsible only when the tenant was the person present', () => {
    const record = sampleRentalInspection(ID);
    const [hazard] = record.body.hazards;
    if (hazard) hazard.responsibleParty = 'tenant';
    expect(rectificationNotice(record)?.hazards[0]?.responsibleName).toBeUndefined();
    record.body.presentPerson = { name: '孙租户', relation: 'tenant' };
    const notice = rectificationNotice(record);
    expect(notice?.hazards[0]?.responsibleName).toBe('孙租户');
    expect(notice?.revealedFields).toContain('body.presentPerson.name');
  });
});
