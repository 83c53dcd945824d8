/**
 * Pinyin forms of a name for search: full pinyin without tones ('zhangsan') and initials ('zs').
 * Surnames use their surname readings (单 shan, 曾 zeng, 仇 qiu, 区 ou), which is what people type.
 */
import { pinyin } from 'pinyin-pro';

/**
 * @example
 * namePinyin('张三');   // { full: 'zhangsan', initials: 'zs' }
 * namePinyin('单雄信'); // { full: 'shanxiongxin', initials: 'sxx' }
 */
export function namePinyin(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}

/**
 * What a search box query means. Latin letters are pinyin (full or initials, as a prefix);
 * digits are the end of an ID number or a phone; anything with Han characters is a name.
 *
 * @example
 * classifyQuery('zs');          // { kind: 'pinyin', value: 'zs' }
 * classifyQuery('123X');        // { kind: 'digits', value: '123X' }
 * classifyQuery('13812345678'); // { kind: 'phone', value: '13812345678' }
 */
export function classifyQuery(query: string):
  | { kind: 'name'; value: string }
  | { kind: 'pinyin'; value: string }
  | { kind: 'digits'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'id'; value: string } {
  const q = query.replace(/\s+/g, '');
  if (/^\d{17}[\dXx]$/.test(q)) return { kind: 'id', value: q.toUpperCase() };
  if (/^(1[3-9]\d{9}|0\d{9,11})$/.test(q)) return { kind: 'phone', value: q };
  if (/^\d{1,16}[Xx]?$/.test(q)) return { kind: 'digits', value: q.toUpperCase() };
  if (/^[A-Za-z]+$/.test(q)) return { kind: 'pinyin', value: q.toLowerCase() };
  return { kind: 'name', value: q };
}
