/**
 * The columns of an export (issue 13 item 4), once per kind: a Chinese header, how to read the
 * value from a record, and — for personal data — which of the kind's `personalFields` (kinds/) the
 * value is, so masking follows the ONE definition of what is personal and how it is shown
 * (masking.ts, address-masking.ts). Coded values (types, statuses) are exported as their codes:
 * their Chinese labels live in the app's i18n tables.
 *
 * A masked export never holds a raw personal value: a column naming a personal field is masked
 * by that field's class; a location or trait is left out (there is no masked form of either).
 */
import { maskAddress } from './address-masking';
import { CHINA_UTC_OFFSET_MS } from './due-dates';
import { KINDS } from './kinds/index';
import { maskIdNo, maskName, maskNumbersInText, maskPhone } from './masking';
import type { PersonalClass } from './personal-fields';
import type { RecordOfKind } from './record-envelope';
import type { RecordKind } from './record-kinds';

type Cell = string | number | undefined;

/** One column of one kind. */
export interface ExportColumn<K extends RecordKind> {
  header: string;
  value: (record: RecordOfKind<K>) => Cell | readonly Cell[];
  /** The kind's `personalFields` key the value is: masked by its class unless the export is unmasked. */
  personal?: string;
  /** An ISO instant, written in China time (YYYY-MM-DD HH:mm). */
  instant?: true;
}

type Columns = { readonly [K in RecordKind]: readonly ExportColumn<K>[] };

const status = { header: '状态', value: (r: { body: { status: string } }) => r.body.status };

export const EXPORT_COLUMNS: Columns = {
  patrol: [
    { header: '工作类型', value: (r) => r.body.patrolTypes.join('、') },
    { header: '开始时间', value: (r) => r.body.startedAt, instant: true },
    { header: '结束时间', value: (r) => r.body.endedAt, instant: true },
    { header: '走访户数', value: (r) => r.body.householdsVisited },
    { header: '巡查走访情况', value: (r) => r.body.content, personal: 'content' },
    {
      header: '同行人员',
      value: (r) => (r.body.accompaniedBy ?? []).map((c) => c.name),
      personal: 'accompaniedBy.*.name',
    },
    status,
  ],
  rentalInspection: [
    { header: '地址', value: (r) => r.body.address, personal: 'address' },
    { header: '房东姓名', value: (r) => r.body.landlordName, personal: 'landlordName' },
    { header: '房东电话', value: (r) => r.body.landlordPhone, personal: 'landlordPhone' },
    { header: '检查类型', value: (r) => r.body.inspectionType },
    { header: '检查时间', value: (r) => r.body.inspectedAt, instant: true },
    { header: '检查结论', value: (r) => r.body.overallResult },
    { header: '隐患数', value: (r) => r.body.hazards?.length ?? 0 },
    { header: '整改期限', value: (r) => r.body.rectificationDeadline },
    status,
  ],
  dispute: [
    { header: '纠纷名称', value: (r) => r.body.title, personal: 'title' },
    { header: '纠纷类型', value: (r) => r.body.disputeType },
    { header: '登记时间', value: (r) => r.body.registeredAt, instant: true },
    { header: '当事人', value: (r) => r.body.parties.map((p) => p.name), personal: 'parties.*.name' },
    { header: '当事人电话', value: (r) => r.body.parties.map((p) => p.phone), personal: 'parties.*.phone' },
    { header: '当事人证件号码', value: (r) => r.body.parties.map((p) => p.idNo), personal: 'parties.*.idNo' },
    { header: '风险等级', value: (r) => r.body.riskLevel },
    { header: '纠纷简要情况', value: (r) => r.body.summary, personal: 'summary' },
    status,
  ],
  gridEvent: [
    { header: '事件标题', value: (r) => r.body.title, personal: 'title' },
    { header: '一级分类', value: (r) => r.body.categoryL1 },
    { header: '二级分类', value: (r) => r.body.categoryL2 },
    { header: '上报时间', value: (r) => r.body.reportedAt, instant: true },
    { header: '上报人', value: (r) => r.body.reportedByName, personal: 'reportedByName' },
    { header: '事发地址', value: (r) => r.body.address, personal: 'address' },
    { header: '事件描述', value: (r) => r.body.description, personal: 'description' },
    { header: '处置层级', value: (r) => r.body.handlingLevel },
    status,
  ],
  rentalHouse: [
    { header: '房屋地址', value: (r) => r.body.address, personal: 'address' },
    { header: '房屋类型', value: (r) => r.body.houseType },
    { header: '房东姓名', value: (r) => r.body.landlordName, personal: 'landlordName' },
    { header: '房东证件号码', value: (r) => r.body.landlordIdNo, personal: 'landlordIdNo' },
    { header: '房东电话', value: (r) => r.body.landlordPhone, personal: 'landlordPhone' },
    { header: '居住人数', value: (r) => r.body.occupantCount },
    { header: '租户数', value: (r) => r.body.tenants?.length ?? 0 },
    status,
  ],
};

/** The envelope columns every kind starts with. */
const LEADING_HEADERS = ['记录编号', '网格', '创建时间', '最后更新'] as const;

/** The header row of an export of `kind`. */
export function exportHeaders(kind: RecordKind): string[] {
  return [...LEADING_HEADERS, ...EXPORT_COLUMNS[kind].map((column) => column.header)];
}

/** A personal value as a list shows it, by its class; undefined: no masked form exists, left out. */
export function maskPersonalValue(personalClass: PersonalClass, value: string): string | undefined {
  switch (personalClass) {
    case 'name':
      return maskName(value);
    case 'phone':
      return maskPhone(value);
    case 'idNo':
      return maskIdNo(value);
    case 'address':
      return maskAddress(value);
    case 'freeText':
      return maskNumbersInText(value);
    case 'location':
    case 'trait':
      return undefined;
  }
}

/** YYYY-MM-DD HH:mm in China time. */
export function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function cellText(cell: Cell, column: { instant?: true }): string | number {
  if (cell === undefined) return '';
  if (column.instant && typeof cell === 'string') return chinaDateTime(new Date(cell));
  return cell;
}

/** One row of an export: the envelope columns, then the kind's, masked unless `masked` is false. */
export function exportRow<K extends RecordKind>(
  record: RecordOfKind<K>,
  masked: boolean,
): (string | number)[] {
  const columns = EXPORT_COLUMNS[record.kind] as readonly ExportColumn<K>[];
  const personalFields: Readonly<Record<string, PersonalClass>> = KINDS[record.kind].personalFields;
  const cells = columns.map((column) => {
    const raw = column.value(record);
    const values = Array.isArray(raw) ? (raw as readonly Cell[]) : [raw as Cell];
    const personalClass = column.personal === undefined ? undefined : personalFields[column.personal];
    if (column.personal !== undefined && personalClass === undefined)
      throw new Error(`Export column ${column.header} names ${column.personal}, not a personal field`);
    const shown = values
      .filter((value) => value !== undefined)
      .map((value) =>
        masked && personalClass !== undefined && typeof value === 'string'
          ? (maskPersonalValue(personalClass, value) ?? '')
          : cellText(value, column),
      );
    if (!Array.isArray(raw)) return shown[0] ?? '';
    return shown.join('、');
  });
  return [
    record.id,
    record.gridId,
    chinaDateTime(new Date(record.createdAt)),
    chinaDateTime(new Date(record.updatedAt)),
    ...cells,
  ];
}

/**
 * The instant a record's period filter reads: when the work happened (巡查开始, 检查, 登记, 上报); a
 * rental house (一户一档) has no such moment, so its file's creation.
 */
export function exportInstant(record: RecordOfKind<RecordKind>): string {
  switch (record.kind) {
    case 'patrol':
      return record.body.startedAt;
    case 'rentalInspection':
      return record.body.inspectedAt;
    case 'dispute':
      return record.body.registeredAt;
    case 'gridEvent':
      return record.body.reportedAt;
    case 'rentalHouse':
      return record.createdAt;
  }
}

/** The watermark: who exported, when, the export id, and whether masked (the file's first line). */
export function exportWatermark(
  who: { name: string; id: string },
  at: Date,
  exportId: string,
  masked: boolean,
): string {
  return `网格管家导出 · 导出人：${who.name}（用户 ${who.id}） · 导出时间：${chinaDateTime(at)}（北京时间） · 导出编号：${exportId} · ${masked ? '已脱敏' : '未脱敏，仅限授权用途'}`;
}
