import { describe, expect, it } from 'vitest';
import { maskIdNo, maskName, maskPhone } from '../../src/domain/masking';

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
});
