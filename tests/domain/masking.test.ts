import { describe, expect, it } from 'vitest';
import { maskIdNo, maskName, maskNumbersInText, maskPhone } from '../../src/domain/masking';

describe('masking', () => {
  it('keeps the first 3 and last 4 characters of an ID number', () => {
    expect(maskIdNo('320111198001011234')).toBe('320***********1234');
    expect(maskIdNo('32011119800101123X')).toBe('320***********123X');
  });

  it('masks the middle four digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('keeps only the area code and last two digits of a landline', () => {
    expect(maskPhone('025-58001234')).toBe('025-******34');
  });

  it('masks names the way lists show them', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('李')).toBe('*');
  });

  it('masks ID and phone numbers typed into free text, and leaves other numbers alone', () => {
    expect(maskNumbersInText('当事人张三 13812341234，身份证320111198001011234，座机025-58001234')).toBe(
      '当事人张三 138****1234，身份证320***********1234，座机025-******34',
    );
    expect(maskNumbersInText('走访12户，宣传反诈3次，2025年3月8日')).toBe(
      '走访12户，宣传反诈3次，2025年3月8日',
    );
    expect(maskNumbersInText('编号138123412345')).toBe('编号138123412345');
  });
});
