/**
 * Every English issue message the survey routes can raise (design, fieldwork, results) comes
 * back in Chinese for zh-CN: the questionnaire rules and the answer checks are exercised with
 * broken input, and the source of the survey modules and schemas is read for every literal
 * message, so a message added later without its Chinese fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { issueMessageZh } from '../../../shared/issue-messages.ts';
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { checkAnswers } from '../fieldwork/index.ts';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire.ts';
import { validateQuestionnaire } from './validate-questionnaire.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const CJK = /[\u4e00-\u9fff]/;

/** The message's Chinese, checked: it is Chinese and keeps the message's codes (Q1, NOPE, …). */
function expectChinese(message: string, keep: readonly string[] = []) {
  const zh = issueMessageZh(message);
  expect(zh, `no Chinese for "${message}"`).toBeDefined();
  expect(zh, message).toMatch(CJK);
  for (const part of keep) expect(zh, message).toContain(part);
}

const Q = { S1: 0, S3: 2, Q1: 3, Q2: 4, Q10a: 12, Q11: 16, Q12: 17 } as const;

describe('questionnaire rules in Chinese', () => {
  it('breaks every rule once and gets a Chinese message for each', () => {
    const messages = new Set<string>();
    const broken = (change: (d: TQuestionnaireDefinition) => void) => {
      // Through JSON: structuredClone would keep the scale the questions share as one object.
      const d = JSON.parse(JSON.stringify(STANDARD_QUESTIONNAIRE)) as TQuestionnaireDefinition;
      change(d);
      const problems = validateQuestionnaire(d, { activePolicyCodes: new Set(['dibao', 'pension', 'farm_subsidy']) });
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) messages.add(p.message);
    };
    broken((d) => {
      d.questions[Q.Q2]!.code = 'Q1'; // duplicate question code Q1
      d.questions[Q.S1]!.options[0]!.skipTo = 'NOPE'; // no question NOPE
      d.questions[Q.Q11]!.options[0]!.skipTo = 'S1'; // skips go forward only
      d.questions[Q.Q11]!.options[1]!.screensOut = true; // only screening questions end an interview
      d.questions[Q.Q11]!.options[2]!.id = 'yes'; // duplicate option id yes
      d.questions[Q.Q12]!.options = [structuredClone(d.questions[Q.S1]!.options[0]!)]; // an open question has no fixed options
      d.questions[Q.S3]!.options = [structuredClone(d.questions[Q.S1]!.options[0]!)]; // a township question has no fixed options
      delete d.questions[Q.Q2 + 1]!.domain; // a domain question names its domain
      delete d.questions[Q.Q10a]!.policy; // an awareness question names its policy; medical_insurance: no active policy
      d.questions[Q.Q11]!.policyCode = 'dibao'; // only an awareness question names a policy code
      d.questions[Q.Q1]!.options[0]!.score = null; // option satisfied is in the base and needs a finite score
      d.questions[Q.Q2 + 2]!.options[3]!.satisfied = true; // option dont_know is excluded … cannot count as satisfied
      d.questions[Q.Q2 + 3]!.options[0]!.dissatisfied = true; // option satisfied cannot be both …
      d.questions[Q.Q2 + 4]!.options = d.questions[Q.Q2 + 4]!.options.map((o) => ({ ...o, satisfied: false })); // needs satisfied and dissatisfied options
    });
    broken((d) => {
      d.questions = d.questions.filter((q) => q.kind !== 'township'); // exactly one township question
      d.questions[Q.Q1 - 1]!.options = []; // Q1 (now third): needs two options; a scale needs at least one option
    });
    // Each rule, with the codes its Chinese must keep.
    const expected: [string, string[]][] = [
      ['a domain question names its domain', []],
      ['a satisfaction scale needs satisfied and dissatisfied options', []],
      ['a scale needs at least one option', []],
      ['a single-choice question needs at least two options', []],
      ['a township question has no fixed options', []],
      ['an awareness question names its policy', []],
      ['an open question has no fixed options', []],
      ['duplicate option id yes', ['yes']],
      ['duplicate question code Q1', ['Q1']],
      ['exactly one township question (S3) is needed', []],
      ['no active policy medical_insurance', ['medical_insurance']],
      ['no question NOPE', ['NOPE']],
      ['only an awareness question names a policy code', []],
      ['only screening questions end an interview', []],
      ['option dont_know is excluded from the base and cannot count as satisfied or dissatisfied', ['dont_know']],
      ['option satisfied cannot be both satisfied and dissatisfied', ['satisfied']],
      ['option satisfied is in the base and needs a finite score', ['satisfied']],
      ['skips go forward only', []],
    ];
    expect([...messages].sort()).toEqual(expected.map(([m]) => m).sort());
    for (const [message, keep] of expected) expectChinese(message, keep);
    expect(issueMessageZh('duplicate question code Q1')).toBe('题号 Q1 重复');
  });
});

describe('answer checks in Chinese', () => {
  it('refuses every kind of wrong answer with a Chinese message naming the question', () => {
    const issues = checkAnswers(STANDARD_QUESTIONNAIRE, new Set(['370921104']), [
      { questionCode: 'Q99', optionId: 'satisfied' },
      { questionCode: 'Q1', optionId: 'satisfied' },
      { questionCode: 'Q1', optionId: 'satisfied' },
      { questionCode: 'Q12', optionId: 'satisfied' },
      { questionCode: 'Q2', text: '满意' },
      { questionCode: 'S3', optionId: '370921999' },
      { questionCode: 'Q3', optionId: 'very' },
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      'no question Q99 in this questionnaire version',
      'Q1 is answered twice',
      'Q12 is an open question: answer with text',
      'Q2 is a choice question: answer with optionId',
      '370921999 is not a township of this wave',
      'very is not an option of Q3',
    ]);
    expectChinese(issues[0]!.message, ['Q99']);
    expectChinese(issues[1]!.message, ['Q1']);
    expectChinese(issues[2]!.message, ['Q12']);
    expectChinese(issues[3]!.message, ['Q2']);
    expectChinese(issues[4]!.message, ['370921999']);
    expectChinese(issues[5]!.message, ['very', 'Q3']);
  });
});

/** Source files whose literal issue messages the survey routes can send. */
function surveySources(): string[] {
  const modules = ['survey', 'survey-results', 'fieldwork'].flatMap((m) => {
    const dir = path.join(ROOT, 'src/server/modules', m);
    return (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f));
  });
  const schemas = ['common', 'survey', 'survey-fieldwork', 'survey-results'].map((s) => path.join(ROOT, 'src/shared/schemas', `${s}.ts`));
  return [...modules, ...schemas].filter((f) => f.endsWith('.ts') && !/\.(test|bench)\.ts$/.test(f) && !f.split(path.sep).includes('testing') && !f.split(path.sep).includes('stats'));
}

/**
 * The English messages written as literals on lines that raise issues (`message: …`,
 * `unprocessableIssue(…)`), with `${…}` filled by a sample code. Codes and paths (no space),
 * Chinese texts, bilingual objects and texts already said per locale (`say(…)`) are left out.
 */
function literalMessages(file: string): { where: string; message: string }[] {
  const found: { where: string; message: string }[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, k) => {
      const code = line.trim();
      if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
      if (!/\bmessage\b|unprocessableIssue\(/.test(code) || /\bsay\(|'zh-CN':/.test(code)) return;
      for (const m of code.matchAll(/'((?:[^'\\]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)) {
        const raw = m[1] ?? m[2]!;
        const literal = raw.replace(/\$\{[^}]*\}/g, '');
        if (!/\s/.test(raw) || CJK.test(raw) || !/[A-Za-z]{2}/.test(literal)) continue;
        found.push({ where: `${path.relative(ROOT, file)}:${k + 1}`, message: raw.replace(/\$\{[^}]*\}/g, 'Q1').replace(/\\'/g, "'") });
      }
    });
  return found;
}

describe('every literal issue message of the survey routes', () => {
  it('has its Chinese', () => {
    const all = surveySources().flatMap(literalMessages);
    // The scan does find them (and so would find a new one).
    expect(all.map((x) => x.message)).toEqual(
      expect.arrayContaining([
        'the end date is before the start date',
        'a share between 0 and 1, at most 5 decimals (e.g. 0.75)',
        'an AAPOR disposition code',
        'required, not answered',
        'Q1 needs the appointment time',
        'no question Q1 in this questionnaire version',
        'Q1 (Asia/Shanghai)',
      ]),
    );
    const missing = all.filter((x) => issueMessageZh(x.message) === undefined);
    expect(missing).toEqual([]);
    // Raised outside those files, for every route.
    expectChinese('must not contain NUL or unpaired surrogate characters');
    expectChinese('2026-11-30 20:00–24:00 (Asia/Shanghai)', ['2026-11-30 20:00–24:00']);
  });
});
