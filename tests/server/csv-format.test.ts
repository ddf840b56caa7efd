import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../src/server/export/csv-format';
import { parseCsv } from '../support/parse-csv';

describe('CSV format of exports', () => {
  it('quotes commas, quotes, line breaks and edge spaces, and leaves plain text alone', () => {
    expect(csvField('湖滨社区')).toBe('湖滨社区');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"好"')).toBe('"说""好"""');
    expect(csvField('一行\r\n两行')).toBe('"一行\r\n两行"');
    expect(csvField(' 前空格')).toBe('" 前空格"');
    expect(csvField(12)).toBe('12');
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t'])
      expect(csvField(`${start}SUM(A1)`).startsWith(`'${start}`)).toBe(true);
    expect(csvField(-3)).toBe('-3');
  });

  it('reads back as the fields written', () => {
    const fields = ['=1+1', 'a,"b"', '多\r\n行', '', '普通'];
    expect(parseCsv(csvLine(fields) + csvLine(['x']))).toEqual([
      ["'=1+1", 'a,"b"', '多\r\n行', '', '普通'],
      ['x'],
    ]);
  });
});
