/**
 * Folds Vietnamese text for matching what people type: no diacritics, "đ" as
 * "d", lower case. "an" finds "Nguyễn Văn Ân"; so does "Ân".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}
