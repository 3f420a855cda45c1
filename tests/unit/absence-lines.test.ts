import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import vi from '../../messages/vi.json';
import { translator } from '../../lib/i18n';
import { absenceLine, reasonInSentence } from '../../lib/minutes/absences';

const inVietnamese = translator(vi);
const inEnglish = translator(en);
const ANH = { name: 'Huỳnh Thị Ngọc Ánh', reason: 'Đi công tác' };

describe('the lines of the attendance report that name the absent', () => {
  // It read "Vắng có lý do: 1: Huỳnh Thị Ngọc Ánh (Đi công tác)": two colons and a capital inside the brackets.
  it('gives the count, then the names, each reason in lower case', () => {
    expect(absenceLine(inVietnamese, 'withReason', 1, [ANH])).toBe(
      'Vắng có lý do 1 đồng chí: Huỳnh Thị Ngọc Ánh (đi công tác)',
    );
    expect(absenceLine(inEnglish, 'withReason', 1, [{ name: 'Ann Lee', reason: 'Travelling' }])).toBe(
      'Absent with apologies (1): Ann Lee (travelling)',
    );
  });

  it('names those absent without reason the same way', () => {
    const absent = [{ name: 'Đỗ Minh Khôi' }, { name: 'Lê Văn Tám' }];
    expect(absenceLine(inVietnamese, 'withoutReason', 2, absent)).toBe(
      'Vắng không lý do 2 đồng chí: Đỗ Minh Khôi, Lê Văn Tám',
    );
    expect(absenceLine(inEnglish, 'withoutReason', 1, [{ name: 'Ann Lee' }])).toBe(
      'Absent without apologies (1): Ann Lee',
    );
  });

  it('keeps one person’s reason apart from the next, and leaves out brackets nobody filled', () => {
    const absent = [ANH, { name: 'Trần Văn Ba', reason: 'Ốm, nằm viện' }, { name: 'Phạm Thu', reason: '  ' }];
    expect(absenceLine(inVietnamese, 'withReason', 3, absent)).toBe(
      'Vắng có lý do 3 đồng chí: Huỳnh Thị Ngọc Ánh (đi công tác); Trần Văn Ba (ốm, nằm viện); Phạm Thu',
    );
  });

  it('says only the count when nobody is absent', () => {
    expect(absenceLine(inVietnamese, 'withReason', 0, [])).toBe('Vắng có lý do 0 đồng chí');
    expect(absenceLine(inEnglish, 'withoutReason', 0, [])).toBe('Absent without apologies (0)');
  });
});

describe('a reason for absence inside the sentence', () => {
  it('lowers the first letter only', () => {
    expect(reasonInSentence('Đi công tác Hà Nội')).toBe('đi công tác Hà Nội');
    expect(reasonInSentence('Ốm')).toBe('ốm');
    expect(reasonInSentence('  Việc gia đình ')).toBe('việc gia đình');
  });

  it('keeps an acronym, whose second letter is a capital too', () => {
    expect(reasonInSentence('UBND phường triệu tập')).toBe('UBND phường triệu tập');
    expect(reasonInSentence('HĐND họp')).toBe('HĐND họp');
  });

  it('reads a letter typed with separate accent marks as one letter', () => {
    const decomposed = 'Ố đau'.normalize('NFD');
    expect(reasonInSentence(decomposed).normalize('NFC')).toBe('ố đau');
    expect(reasonInSentence('ỐM NẶNG'.normalize('NFD')).normalize('NFC')).toBe('ỐM NẶNG');
  });

  it('leaves a reason that does not begin with a letter, or is already lower case, as it is', () => {
    expect(reasonInSentence('3 ngày nghỉ phép')).toBe('3 ngày nghỉ phép');
    expect(reasonInSentence('đi học')).toBe('đi học');
  });
});
