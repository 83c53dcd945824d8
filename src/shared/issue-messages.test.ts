import { describe, expect, it } from 'vitest';
import { ISSUE_MESSAGES_ZH, ISSUE_PATTERNS_ZH, issueMessageZh, localizeIssueMessage } from './issue-messages.ts';

const CJK = /[\u4e00-\u9fff]/;

describe('issue messages in Chinese', () => {
  it('says fixed messages word for word and leaves unknown ones alone', () => {
    expect(issueMessageZh('skips go forward only')).toBe('跳题只能跳到后面的题目');
    expect(localizeIssueMessage('skips go forward only', 'zh-CN')).toBe('跳题只能跳到后面的题目');
    expect(localizeIssueMessage('skips go forward only', 'en')).toBe('skips go forward only');
    expect(issueMessageZh('something nobody wrote')).toBeUndefined();
    expect(localizeIssueMessage('something nobody wrote', 'zh-CN')).toBe('something nobody wrote');
    // Data carried as a message (a township code, a column name) is not touched.
    expect(localizeIssueMessage('370921104201', 'zh-CN')).toBe('370921104201');
  });

  it('fills the variable parts of patterned messages into the Chinese, in order', () => {
    expect(issueMessageZh('duplicate question code Q3')).toBe('题号 Q3 重复');
    expect(issueMessageZh('very is not an option of Q1')).toBe('very 不是题目 Q1 的选项');
    expect(issueMessageZh('T2.111 is not a disposition in use')).toBe('T2.111 不是可用的结果代码');
    expect(issueMessageZh('2026-11-30 09:00–11:30 (Asia/Shanghai)')).toBe('2026-11-30 09:00–11:30（北京时间）');
    // 'no question X' and its longer sibling are told apart by the whole message.
    expect(issueMessageZh('no question NOPE')).toBe('没有题号为 NOPE 的题目');
    expect(issueMessageZh('no question NOPE in this questionnaire version')).toBe('本问卷版本中没有题目 NOPE');
    expect(localizeIssueMessage('Q7 is answered twice', 'en')).toBe('Q7 is answered twice');
  });

  it('puts a captured part in as it is, even one that looks like a reference', () => {
    expect(issueMessageZh('duplicate option id $1$2')).toBe('选项代码 $1$2 重复');
    expect(issueMessageZh("$' is answered twice")).toBe("题目 $' 重复作答");
  });

  it('matches whole messages only', () => {
    expect(issueMessageZh('duplicate question code Q3, again')).toBeUndefined();
    expect(issueMessageZh('see: duplicate question code Q3')).toBeUndefined();
    expect(issueMessageZh('the end must be after the start!')).toBeUndefined();
  });

  it('has Chinese for every entry and well-formed patterns', () => {
    for (const [en, zh] of Object.entries(ISSUE_MESSAGES_ZH)) {
      expect(zh, en).toMatch(CJK);
    }
    for (const [pattern, zh] of ISSUE_PATTERNS_ZH) {
      expect(pattern.source, String(pattern)).toMatch(/^\^.*\$$/);
      expect(zh, String(pattern)).toMatch(CJK);
      // Every captured part is used, and no reference points past the captures.
      const groups = new RegExp(`${pattern.source}|`).exec('')!.length - 1;
      const used = new Set([...zh.matchAll(/\$(\d)/g)].map((m) => Number(m[1])));
      expect([...used].sort(), String(pattern)).toEqual(Array.from({ length: groups }, (_, k) => k + 1));
    }
  });
});
