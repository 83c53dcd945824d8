import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from './id-number.ts';
import { IMPORT_ISSUE_MESSAGES } from './import-issues.ts';
import { maskIdForIssue, maskPhoneForIssue, parseGender, parseLooseDate, splitList } from './import-cells.ts';
import { ImportDirectory, type ImportVillage } from './import-directory.ts';
import { findHeaderRow, readHeader, type ImportHeader } from './import-header.ts';
import { validateImportRow } from './import-row.ts';

const id = (birth: string, sequence: number) => {
  const first17 = `370921${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
};

const village = (code: string, name: string, townshipId: string, open = true): ImportVillage => ({ id: code.slice(-3), code, name, countyCode: '370921', path: `/1/${townshipId}/${code.slice(-3)}/`, townshipId, open });
const directory = new ImportDirectory(
  [
    village('370921104201', '东庄村', 't104'),
    village('370921104202', '西庄村', 't104'),
    village('370921104203', '南庄村', 't104', false),
    village('370921105201', '东庄村', 't105'),
    village('370921105202', '北庄社区', 't105'),
  ],
  [
    { id: 't104', name: '堽城镇' },
    { id: 't105', name: '蒋集镇' },
  ],
  [
    { code: 'dibao', name: '低保户', nameEn: 'Minimum living allowance (dibao)' },
    { code: 'tekun', name: '特困供养（五保）', nameEn: 'Extreme-poverty support (wubao)' },
  ],
);

const HEADER = ['户编号', '乡镇', '村（社区）', '村代码', '姓名', '与户主关系', '身份证号', '性别', '出生日期', '手机', '固定电话', '困难类别', '经度', '纬度', '家庭住址', '备注'];
const header = (cells = HEADER): ImportHeader => {
  const result = readHeader(cells);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.header;
};
const TODAY = '2026-05-01';

/** A row from field values, in HEADER's order. */
function row(values: Partial<Record<(typeof HEADER)[number], string>>) {
  return HEADER.map((h) => values[h] ?? '');
}
const validate = (values: Partial<Record<(typeof HEADER)[number], string>>, h = header()) => validateImportRow(row(values), 7, { header: h, directory, today: TODAY });
const GOOD = { 户编号: 'G-1', 村代码: '370921104201', 姓名: '张三', 与户主关系: '户主', 身份证号: id('1980-01-01', 123) };

describe('the header', () => {
  it('is found under title rows, in Chinese or English, whatever the width and case', () => {
    expect(findHeaderRow([['宁阳县堽城镇户籍台账（2026年）'], [], ['制表：堽城镇'], HEADER])).toBe(3);
    expect(findHeaderRow([['Household No', 'Village Code', 'NAME', 'Relationship', 'ID Number']])).toBe(0);
    expect(findHeaderRow([['户编号'], ['姓名']])).toBe(-1);
    const english = readHeader(['household no', 'village code', 'Name', 'relationship', 'ID number', 'Mobile', 'phone']);
    expect(english.ok && english.header.byField.mobile?.map((c) => c.header)).toEqual(['Mobile', 'phone']);
    // Full-width letters, stars marking required columns, spaces.
    expect(readHeader(['＊户 编 号', '村代码*', '姓名：', '与户主关系', '身份证号码']).ok).toBe(true);
  });

  it('names the missing required columns, refuses duplicates and absurd widths', () => {
    expect(readHeader(['户编号', '姓名', '身份证号'])).toEqual({
      ok: false,
      problem: 'missing',
      missing: ['与户主关系 (relationship)', '村代码 (village code) | 村（社区） (village)'],
    });
    expect(readHeader(['户编号', '户号', '村代码', '姓名', '与户主关系', '身份证号'])).toEqual({ ok: false, problem: 'duplicate', duplicates: ['户编号', '户号'] });
    expect(readHeader([...HEADER, ...Array.from({ length: 200 }, (_, i) => `x${i}`)])).toMatchObject({ ok: false, problem: 'too_many_columns' });
    const withExtra = readHeader([...HEADER, '民族']);
    expect(withExtra.ok && withExtra.header.ignored).toEqual(['民族']);
  });
});

describe('a row', () => {
  it('reads a good row: normalised, with the village, ID-derived gender and birth date, phones and labels', () => {
    const r = validate({
      ...GOOD,
      户编号: ' Ｇ－１ ',
      姓名: '张　三',
      身份证号: ` ${id('1980-01-01', 123).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))} `,
      性别: '男',
      出生日期: '1980年1月1日',
      手机: '138 1234 5678、0538-5621234',
      固定电话: '+86 13812345678',
      困难类别: '低保户，tekun；低保户',
      经度: '116.8°',
      纬度: '35.77',
      家庭住址: '东庄村 1 号',
    });
    expect(r.issues).toEqual([]);
    expect(r).toMatchObject({
      householdNo: 'G-1',
      village: { code: '370921104201' },
      name: '张三',
      idNumber: id('1980-01-01', 123),
      gender: 'M',
      birthDate: '1980-01-01',
      phones: [
        { phone: '13812345678', kind: 'mobile' },
        { phone: '05385621234', kind: 'landline' },
      ],
      hardship: ['dibao', 'tekun'],
      longitude: '116.800000',
      latitude: '35.770000',
      address: '东庄村 1 号',
    });
  });

  it('resolves villages by code, or by name within the township, and says why not', () => {
    const issues = (values: Partial<Record<(typeof HEADER)[number], string>>) => validate({ ...GOOD, 村代码: '', ...values }).issues.map((i) => [i.column, i.value, i.problem]);
    expect(validate({ ...GOOD, 村代码: '', 乡镇: '堽城', '村（社区）': '西庄' }).issues).toEqual([]);
    expect(validate({ ...GOOD, 村代码: '', 乡镇: '堽城镇', '村（社区）': '西庄村' }).village?.code).toBe('370921104202');
    expect(validate({ ...GOOD, 村代码: '', '村（社区）': '北庄' }).village?.code).toBe('370921105202');
    expect(issues({ '村（社区）': '东庄村' })).toEqual([['村（社区）', '东庄村', 'village_ambiguous']]);
    expect(issues({ 乡镇: '蒋集镇', '村（社区）': '东庄村' })).toEqual([]);
    expect(issues({ 乡镇: '华丰镇', '村（社区）': '东庄村' })).toEqual([['乡镇', '华丰镇', 'township_not_found']]);
    expect(issues({ 乡镇: '堽城镇', '村（社区）': '北庄社区' })).toEqual([['村（社区）', '北庄社区', 'village_not_found']]);
    expect(issues({ '村（社区）': '南庄村' })).toEqual([['村（社区）', '南庄村', 'village_closed']]);
    expect(issues({})).toEqual([['村（社区）', '', 'village_missing']]);
    expect(issues({ 村代码: '370921104203' })).toEqual([['村代码', '370921104203', 'village_closed']]);
    expect(issues({ 村代码: '370921999201' })).toEqual([['村代码', '370921999201', 'village_not_found']]);
    expect(issues({ 村代码: '37092110420' })).toEqual([['村代码', '37092110420', 'village_not_found']]);
    expect(issues({ 村代码: '３７０９２１１０４２０１', '村（社区）': '西庄村' })).toEqual([['村（社区）', '西庄村', 'village_mismatch']]);
  });

  it('checks ID numbers, and gender and birth date against them, masking what it reports', () => {
    const good = id('1980-01-01', 123);
    const issues = (values: Partial<Record<(typeof HEADER)[number], string>>) => validate({ ...GOOD, ...values }).issues.map((i) => [i.column, i.value, i.problem]);
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    expect(issues({ 身份证号: wrongCheck })).toEqual([['身份证号', `370921********${wrongCheck.slice(-4)}`, 'id_check_character']]);
    expect(issues({ 身份证号: '37092119801301123X' })).toEqual([['身份证号', '370921********123X', 'id_birth_date']]);
    expect(issues({ 身份证号: '3709211980010112' })).toEqual([['身份证号', '370921******0112', 'id_format']]);
    expect(issues({ 身份证号: '3.70921E+17' })).toEqual([['身份证号', '***********', 'number_lost_digits']]);
    expect(issues({ 身份证号: '' })).toEqual([['身份证号', '', 'required_missing']]);
    expect(issues({ 性别: '女' })).toEqual([['性别', '女', 'gender_mismatch']]);
    expect(issues({ 性别: '未知' })).toEqual([['性别', '未知', 'gender_invalid']]);
    expect(issues({ 性别: 'M', 出生日期: '19800101' })).toEqual([]);
    expect(issues({ 出生日期: '1980-01-02' })).toEqual([['出生日期', '1980-01-02', 'birth_date_mismatch']]);
    expect(issues({ 出生日期: '1980-02-30' })).toEqual([['出生日期', '1980-02-30', 'birth_date_invalid']]);
    // A bad ID number is still hashed for the duplicate check only when it is valid: here nothing is kept.
    expect(validate({ ...GOOD, 身份证号: wrongCheck }).idNumber).toBeNull();
  });

  it('checks phones (either kind in either column), masking them', () => {
    const issues = (values: Partial<Record<(typeof HEADER)[number], string>>) => validate({ ...GOOD, ...values }).issues.map((i) => [i.column, i.value, i.problem]);
    expect(issues({ 手机: '0538-5621234', 固定电话: '13812345678' })).toEqual([]);
    expect(issues({ 手机: '1381234567' })).toEqual([['手机', '******4567', 'phone_format']]);
    expect(issues({ 手机: '12812345678' })).toEqual([['手机', '128****5678', 'phone_format']]);
    expect(issues({ 固定电话: '5621234' })).toEqual([['固定电话', '*******', 'phone_format']]);
    expect(issues({ 手机: '1.38123E+10' })).toEqual([['手机', '*******E+10', 'number_lost_digits']]);
    expect(issues({ 手机: '13800000001、13800000002、13800000003、13800000004、13800000005、13800000006' })[0]?.[2]).toBe('too_many_phones');
  });

  it('reads hardship categories by their Chinese names, their short forms and their codes', () => {
    const codes = (cell: string) => validate({ ...GOOD, 困难类别: cell }).hardship;
    expect(codes('低保户、特困供养（五保）')).toEqual(['dibao', 'tekun']);
    expect(codes('低保，五保')).toEqual(['dibao', 'tekun']);
    expect(codes('特困供养')).toEqual(['tekun']);
    expect(codes('dibao,tekun')).toEqual(['dibao', 'tekun']);
    // A short form two categories share names neither.
    const twins = new ImportDirectory([], [], [
      { code: 'a', name: '重病户', nameEn: 'A' },
      { code: 'b', name: '重病人', nameEn: 'B' },
    ]);
    expect(twins.categoryCode('重病')).toBeUndefined();
    expect(twins.categoryCode('重病人')).toBe('b');
  });

  it('refuses the template’s example row', () => {
    expect(validate({ ...GOOD, 身份证号: '11010519491231002X' }).issues.map((i) => i.problem)).toEqual(['template_example_row']);
  });

  it('checks the other fields', () => {
    const issues = (values: Partial<Record<(typeof HEADER)[number], string>>) => validate({ ...GOOD, ...values }).issues.map((i) => [i.column, i.value, i.problem]);
    expect(issues({ 户编号: '' })).toEqual([['户编号', '', 'required_missing']]);
    expect(issues({ 户编号: 'G 1' })).toEqual([]);
    expect(issues({ 户编号: 'G,1?' })).toEqual([['户编号', 'G,1?', 'household_no_invalid']]);
    expect(issues({ 姓名: '张三1' })).toEqual([['姓名', '张三1', 'name_invalid']]);
    expect(issues({ 姓名: '阿依古丽·买买提' })).toEqual([]);
    // Invisible and direction-changing characters are refused by name, shown where they are, not cleaned away.
    expect(issues({ 姓名: '张\u200B三' })).toEqual([['姓名', '张[U+200B]三', 'name_invisible_character']]);
    expect(issues({ 姓名: '\uFEFF张三' })).toEqual([['姓名', '[U+FEFF]张三', 'name_invisible_character']]);
    expect(issues({ 姓名: '张三\u202E' })).toEqual([['姓名', '张三[U+202E]', 'name_invisible_character']]);
    expect(issues({ 姓名: '张\u2066三\u2069' })).toEqual([['姓名', '张[U+2066]三[U+2069]', 'name_invisible_character']]);
    expect(issues({ 与户主关系: '' })).toEqual([['与户主关系', '', 'required_missing']]);
    expect(issues({ 困难类别: '低保、贫困' })).toEqual([['困难类别', '贫困', 'hardship_unknown']]);
    expect(issues({ 困难类别: '特困供养(五保)/DIBAO' })).toEqual([]);
    expect(issues({ 经度: '116.8' })).toEqual([['纬度', '', 'gps_incomplete']]);
    expect(issues({ 经度: '35.77', 纬度: '116.8' })).toEqual([['经度', '35.77', 'gps_swapped']]);
    expect(issues({ 经度: '16.8', 纬度: '35.77' })).toEqual([['经度', '16.8', 'gps_out_of_range']]);
    expect(issues({ 经度: '116.8', 纬度: '北纬35' })).toEqual([['纬度', '北纬35', 'gps_invalid']]);
    expect(issues({ 家庭住址: '长'.repeat(201) })).toEqual([['家庭住址', `${'长'.repeat(100)}…`, 'too_long']]);
    const extra = validateImportRow([...row(GOOD), '多余'], 7, { header: header(), directory, today: TODAY });
    expect(extra.issues).toEqual([{ column: '', value: '多余', problem: 'row_extra_cells' }]);
  });

  it('reports every problem of a row, not only the first', () => {
    const r = validate({ 户编号: '', 村代码: '', 姓名: '', 与户主关系: '', 身份证号: '' });
    expect(r.issues.map((i) => i.problem)).toEqual(['required_missing', 'village_missing', 'required_missing', 'required_missing', 'required_missing']);
  });
});

describe('helpers', () => {
  it('parse, split and mask', () => {
    expect(parseGender('Female')).toBe('F');
    expect(parseGender('1')).toBe('M');
    expect(parseLooseDate('1980/1/2 00:00:00')).toBe('1980-01-02');
    expect(parseLooseDate('1980.12.31')).toBe('1980-12-31');
    expect(parseLooseDate('80-1-2')).toBeNull();
    expect(splitList(' 低保户、 特困 ,, 残疾人 ')).toEqual(['低保户', '特困', '残疾人']);
    expect(maskIdForIssue('37092119800101123X')).toBe('370921********123X');
    expect(maskIdForIssue('1234')).toBe('****');
    expect(maskPhoneForIssue('05385621234')).toBe('0538****1234');
  });

  it('has both languages for every issue', () => {
    for (const [code, m] of Object.entries(IMPORT_ISSUE_MESSAGES)) {
      expect(m['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en, code).not.toMatch(/[\u4e00-\u9fff]{3}/);
    }
  });
});
