/**
 * A URL name from a company name: its Latin letters and digits, dashed. Chinese names have
 * none, so the suggestion stays empty and the user types one (e.g. its pinyin).
 */
export function suggestSlug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s.length >= 3 ? s : '';
}
