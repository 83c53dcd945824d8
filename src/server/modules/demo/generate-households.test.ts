import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../../shared/registry/id-number.ts';
import { parsePhone } from '../../../shared/registry/phone.ts';
import { generateHouseholds } from './generate-households.ts';
import { demoVillages } from './seed-demo.ts';
import { writeHouseholdFile } from './write-household-file.ts';

describe('generateHouseholds', () => {
  const rows = [...generateHouseholds({ households: 3000, seed: 7 })];

  it('is deterministic for a seed', () => {
    expect([...generateHouseholds({ households: 50, seed: 7 })]).toEqual(rows.slice(0, rows.findIndex((r) => r.householdNo === rows.filter((x) => x.relationship === '户主')[50]?.householdNo)));
  });

  it('writes valid, unique ID numbers consistent with gender and birth date', () => {
    const ids = new Set<string>();
    for (const row of rows) {
      const parsed = parseIdNumber(row.idNumber, '2026-11-29');
      expect(parsed.ok, row.idNumber).toBe(true);
      if (parsed.ok) {
        expect(parsed.birthDate).toBe(row.birthDate);
        expect(parsed.gender === 'M' ? '男' : '女').toBe(row.gender);
      }
      ids.add(row.idNumber);
    }
    expect(ids.size).toBe(rows.length);
  });

  it('names hardship categories in Chinese, as county files do', () => {
    const written = new Set(rows.flatMap((r) => (r.hardship ? r.hardship.split('、') : [])));
    expect([...written].sort()).toEqual(expect.arrayContaining(['低保户', '残疾人']));
    for (const name of written) expect(name).toMatch(/^[\u4e00-\u9fff（）]+$/);
  });

  it('writes one township’s villages only with `township`', () => {
    const township = demoVillages()[0]!.townshipCode;
    const own = [...generateHouseholds({ households: 200, seed: 7, township })];
    expect(new Set(own.map((r) => r.villageCode.slice(0, 9)))).toEqual(new Set([township]));
    expect(() => [...generateHouseholds({ households: 1, township: '370921999' })]).toThrow(/no demo township/);
  });

  it('writes valid phones and villages of the demo county', () => {
    const villages = new Set(demoVillages().map((v) => v.code));
    for (const row of rows) {
      if (row.mobile) expect(parsePhone(row.mobile)).toMatchObject({ ok: true, kind: 'mobile' });
      if (row.landline) expect(parsePhone(row.landline)).toMatchObject({ ok: true, kind: 'landline' });
      expect(villages.has(row.villageCode)).toBe(true);
    }
  });

  it('has realistic structure: one head per household, about 2–3.5 persons each, a few percent on dibao', () => {
    const households = new Map<string, typeof rows>();
    for (const row of rows) households.set(row.householdNo, [...(households.get(row.householdNo) ?? []), row]);
    expect(households.size).toBe(3000);
    for (const members of households.values()) expect(members.filter((m) => m.relationship === '户主')).toHaveLength(1);
    const size = rows.length / households.size;
    expect(size).toBeGreaterThan(2);
    expect(size).toBeLessThan(3.5);
    const dibao = [...households.values()].filter((m) => m[0]!.hardship.includes('低保户')).length / households.size;
    expect(dibao).toBeGreaterThan(0.015);
    expect(dibao).toBeLessThan(0.05);
  });
});

describe('writeHouseholdFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-gen-'));
  const sample = () => generateHouseholds({ households: 20, seed: 3 });

  it('writes GBK CSV that decodes back to the same Chinese text', async () => {
    const file = path.join(dir, 'gbk.csv');
    const n = await writeHouseholdFile(sample(), { path: file, format: 'csv', encoding: 'gbk' });
    const text = iconv.decode(fs.readFileSync(file), 'gbk');
    expect(text.split('\r\n')[0]).toMatch(/^乡镇,村（社区）,村代码,户编号/);
    expect(text.trim().split('\r\n')).toHaveLength(n + 1);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file))).toThrow();
  });

  it('writes XLSX with a merged title row above the header', async () => {
    const file = path.join(dir, 'demo.xlsx');
    const n = await writeHouseholdFile(sample(), { path: file, format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toContain('户籍台账');
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect(sheet.getRow(2).getCell(4).value).toBe('户编号');
    expect(sheet.rowCount).toBe(n + 2);
  });
});
