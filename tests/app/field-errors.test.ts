import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom } from '../../src/app/forms/field-errors';
import { t } from '../../src/app/i18n/i18n';
import { DEVICE_CLOCK_MESSAGE } from '../../src/domain/device-clock';
import { toIssues } from '../../src/domain/protocol';
import { bodySchemaByKind } from '../../src/domain/record-envelope';
import type { RecordKind } from '../../src/domain/record-kinds';
import { UNSAFE_MULTILINE_TEXT_MESSAGE, UNSAFE_TEXT_MESSAGE } from '../../src/domain/text';
import { sampleDispute, samplePatrol, sampleRentalInspection } from '../support/sample-records';

const NOW = '2025-03-08T06:00:00.000Z';
const PARTY_A = '0195764e-0000-7000-8000-000000000001';
const PARTY_B = '0195764e-0000-7000-8000-000000000002';

function rentalBody(overrides: Record<string, unknown> = {}) {
  return {
    address: '湖滨花园3栋502',
    landlordName: '张三明',
    inspectionType: 'routine',
    inspectedAt: NOW,
    checklist: [{ itemCode: 'EB01', result: 'pass' }],
    hazards: [],
    overallResult: 'noHazard',
    status: 'closed',
    ...overrides,
  };
}

/** An open hazard of a failed item, so only the field under test is wrong. */
function hazardOf(itemCode: string) {
  return {
    id: PARTY_A,
    itemCode,
    description: '隐患',
    hazardLevel: 'general',
    handling: 'onSite',
    status: 'open',
    rechecks: [],
  };
}

function errorsOf(kind: 'rentalInspection' | 'dispute' | 'patrol', body: unknown) {
  const parsed = bodySchemaByKind[kind].safeParse(body);
  if (parsed.success) throw new Error('expected the body to be invalid');
  const messages: Record<string, string> = {};
  for (const [field, key] of Object.entries(fieldErrorsFrom(kind, toIssues(parsed.error.issues), body))) {
    messages[field] = t(key);
  }
  return messages;
}

describe('field errors', () => {
  it('asks for the address when it is blank', () => {
    expect(errorsOf('rentalInspection', rentalBody({ address: '   ' }))).toEqual({
      address: '请填写房屋地址',
    });
  });

  it('asks for a deadline when the result is 限期整改', () => {
    const body = rentalBody({
      overallResult: 'rectifying',
      checklist: [{ itemCode: 'EB01', result: 'fail' }],
      hazards: [hazardOf('EB01')],
    });
    expect(errorsOf('rentalInspection', body)).toEqual({
      rectificationDeadline: '限期整改需填写整改期限',
    });
  });

  it('explains why 未发现隐患 is wrong when an item failed', () => {
    const body = rentalBody({
      checklist: [{ itemCode: 'EB04', result: 'fail' }],
      hazards: [hazardOf('EB04')],
    });
    expect(errorsOf('rentalInspection', body)).toEqual({
      overallResult: '有“不符合”的项目时，结论不能选“未发现隐患”',
    });
  });

  it('asks for a result when none was picked', () => {
    expect(errorsOf('rentalInspection', rentalBody({ overallResult: '' }))).toEqual({
      overallResult: '请选择检查结论',
    });
  });

  it('reports a bad landlord phone and an empty checklist on their fields', () => {
    const errors = errorsOf('rentalInspection', rentalBody({ landlordPhone: '12345', checklist: [] }));
    expect(errors).toEqual({
      landlordPhone: '电话格式不对：手机 11 位，座机如 025-12345678',
      checklist: '请至少完成一项检查',
    });
  });

  it('needs at least two parties, and names each bad party field by its index', () => {
    const dispute = {
      title: '楼上漏水',
      disputeType: 'neighbor',
      summary: '楼上卫生间漏水到楼下',
      registeredAt: NOW,
      source: 'gridReport',
      nature: 'individual',
      involvedCount: 2,
      riskLevel: 'yellow',
      handlingLevel: 'grid',
      sessions: [],
      followUps: [],
      flowLogs: [],
      status: 'reported',
      parties: [{ id: PARTY_A, role: 'applicant', partyType: 'natural', name: '李四' }],
    };
    expect(errorsOf('dispute', dispute)).toEqual({ parties: '至少需要两位当事人' });

    const twoParties = {
      ...dispute,
      parties: [
        dispute.parties[0],
        { id: PARTY_B, role: 'respondent', partyType: 'natural', name: ' ', phone: '1381234', idNo: '3201' },
      ],
    };
    expect(errorsOf('dispute', twoParties)).toEqual({
      'parties.1.name': '请填写当事人姓名或名称',
      'parties.1.phone': '电话格式不对：手机 11 位，座机如 025-12345678',
      'parties.1.idNo': '身份证号应为 18 位，最后一位可以是 X',
    });
  });

  it('strips the envelope prefix of RecordInvalidError paths and keeps a generic message for unknown fields', () => {
    const errors = fieldErrorsFrom('rentalInspection', [
      { path: 'body.address', message: 'Too small' },
      { path: 'gridId', message: 'Invalid' },
      { path: 'body.location.lngLat.0', message: 'Too big' },
      { path: 'body.somethingNew', message: 'Invalid' },
    ]);
    expect(errors).toEqual({
      address: 'err.address',
      gridId: 'err.gridId',
      location: 'err.location',
      somethingNew: 'err.generic',
    });
  });
});

/** The zod/mini definition fields the walk reads (object shapes, array elements, optional wrappers). */
interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  element?: { _zod: { def: SchemaDef } };
  innerType?: { _zod: { def: SchemaDef } };
}

/** Every field path a body schema can report, list items written with index 0 (`hazards.0.deadline`). */
function fieldPaths(def: SchemaDef, prefix = ''): string[] {
  if (def.type === 'optional' && def.innerType) return fieldPaths(def.innerType._zod.def, prefix);
  if (def.type === 'array' && def.element) return fieldPaths(def.element._zod.def, `${prefix}.0`);
  if (def.type !== 'object' || !def.shape) return [];
  return Object.entries(def.shape).flatMap(([name, child]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return [path, ...fieldPaths(child._zod.def, path)];
  });
}

describe('field errors of the v2 fields', () => {
  it('has a message of its own for every field of every kind, nested list items included', () => {
    const generic: string[] = [];
    let checked = 0;
    for (const [kind, schema] of Object.entries(bodySchemaByKind)) {
      for (const path of fieldPaths((schema as unknown as { _zod: { def: SchemaDef } })._zod.def)) {
        checked += 1;
        const errors = fieldErrorsFrom(kind as RecordKind, [{ path: `body.${path}`, message: 'Invalid' }]);
        const [key] = Object.values(errors);
        if (!key || key === 'err.generic' || t(key) === key) generic.push(`${kind}: ${path}`);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(generic).toEqual([]);
  });

  it('says in Chinese, on whichever field it is, that a text holds control characters or bidi marks', () => {
    for (const [kind, schema] of Object.entries(bodySchemaByKind)) {
      for (const path of fieldPaths((schema as unknown as { _zod: { def: SchemaDef } })._zod.def)) {
        const single = fieldErrorsFrom(kind as RecordKind, [
          { path: `body.${path}`, message: UNSAFE_TEXT_MESSAGE },
        ]);
        expect(
          Object.values(single).map((key) => t(key)),
          `${kind}: ${path}`,
        ).toEqual(['含有不可见的控制字符（如制表符）或文字方向控制符，请删除后重新输入']);
        const multi = fieldErrorsFrom(kind as RecordKind, [
          { path: `body.${path}`, message: UNSAFE_MULTILINE_TEXT_MESSAGE },
        ]);
        expect(Object.values(multi).map((key) => t(key))[0]).toMatch(/^除换行外/);
      }
    }
    const body = { ...samplePatrol('0195764e-0000-7000-8000-0000000000f3').body, weather: '晴\u202e阴' };
    expect(errorsOf('patrol', body)).toEqual({
      weather: '含有不可见的控制字符（如制表符）或文字方向控制符，请删除后重新输入',
    });
  });

  it('says 手机时间不正确 with what to do when the server refused a time made by a wrong clock', () => {
    const errors = fieldErrorsFrom('dispute', [
      { path: 'updatedAt', message: DEVICE_CLOCK_MESSAGE },
      { path: 'body.registeredAt', message: DEVICE_CLOCK_MESSAGE },
    ]);
    expect(Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)]))).toEqual({
      updatedAt: '手机时间不正确：请在手机“设置 › 日期和时间”中打开“自动设置”，然后重新保存',
      registeredAt: '手机时间不正确：请在手机“设置 › 日期和时间”中打开“自动设置”，然后重新保存',
    });
  });

  it('asks for the agreement of a mediation marked 调解成功', () => {
    const record = sampleDispute('0195764e-0000-7000-8000-0000000000d1');
    const body = {
      ...record.body,
      status: 'success',
      consentToMediate: true,
      rightsNotifiedAt: NOW,
      mediators: [{ id: PARTY_A, name: '何建华' }],
    };
    expect(errorsOf('dispute', body)).toEqual({ agreement: '调解成功需填写调解协议' });
    expect(errorsOf('dispute', { ...body, agreementType: 'written', agreement: { terms: ' ' } })).toEqual({
      'agreement.terms': '请填写协议内容',
    });
  });

  it('asks for a hazard’s deadline on that hazard, and for a rechecker inside it', () => {
    const record = sampleRentalInspection('0195764e-0000-7000-8000-0000000000e1');
    const [hazard] = record.body.hazards;
    const { deadline: _deadline, ...noDeadline } = hazard ?? {};
    expect(errorsOf('rentalInspection', { ...record.body, hazards: [noDeadline] })).toEqual({
      'hazards.0.deadline': '限期整改需填写整改期限（不早于今天）',
    });
    const badRecheck = {
      ...hazard,
      rechecks: [{ id: PARTY_B, at: NOW, by: ' ', result: 'passed' }],
    };
    expect(errorsOf('rentalInspection', { ...record.body, hazards: [badRecheck] })).toEqual({
      'hazards.0.rechecks.0.by': '请填写复查人',
    });
  });

  it('asks for the anti-fraud figures of an anti-fraud patrol, and reports a bad figure on its field', () => {
    const { antiFraud, ...noFigures } = samplePatrol('0195764e-0000-7000-8000-0000000000f1').body;
    expect(errorsOf('patrol', noFigures)).toEqual({
      antiFraud: '反诈宣传需填写宣传户数、人数等数字',
    });
    expect(errorsOf('patrol', { ...noFigures, antiFraud: { ...antiFraud, materials: -1 } })).toEqual({
      'antiFraud.materials': '应为 0 到 10000 之间的整数',
    });
  });

  it('reports a bad finding count on the whole 发现问题 block', () => {
    const body = samplePatrol('0195764e-0000-7000-8000-0000000000f2').body;
    expect(errorsOf('patrol', { ...body, findings: { ...body.findings, fireHazards: 1.5 } })).toEqual({
      findings: '发现问题数应为 0 到 10000 之间的整数',
    });
  });
});
