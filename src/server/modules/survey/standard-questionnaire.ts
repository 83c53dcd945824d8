/**
 * The built-in standard questionnaire of the county satisfaction survey, following the brief:
 * screening (S1–S3), overall satisfaction (Q1), the eight domains (Q2–Q9), policy awareness
 * (Q10), "has a cadre visited you" (Q11) and the open problem (Q12, with consent to follow up).
 * Counties copy it into a new version to adapt the wording; the structure stays.
 */
import type { TAnswerOption, TBilingual, TQuestion, TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { SURVEY_DOMAINS } from '../../../shared/schemas/survey.ts';

const t = (zh: string, en: string): TBilingual => ({ 'zh-CN': zh, en });

const option = (id: string, label: TBilingual, extra: Partial<TAnswerOption> = {}): TAnswerOption => ({
  id,
  label,
  score: null,
  excludedFromBase: false,
  satisfied: false,
  dissatisfied: false,
  screensOut: false,
  ...extra,
});

/** 满意 / 基本满意 / 不满意 / 不了解（说不清）, scored 100 / 60 / 0, "don't know" out of the base. */
export const SATISFACTION_SCALE: TAnswerOption[] = [
  option('satisfied', t('满意', 'Satisfied'), { score: 100, satisfied: true }),
  option('basically', t('基本满意', 'Basically satisfied'), { score: 60, satisfied: true }),
  option('dissatisfied', t('不满意', 'Dissatisfied'), { score: 0, dissatisfied: true }),
  option('dont_know', t('不了解（说不清）', "Don't know / can't say"), { excludedFromBase: true }),
];

const DOMAIN_TEXT: Record<(typeof SURVEY_DOMAINS)[number], TBilingual> = {
  hardship_relief: t('您对本乡镇困难群众救助工作是否满意？', 'Are you satisfied with how your township helps families in hardship?'),
  environment: t('您对本乡镇环境保护和村容村貌是否满意？', 'Are you satisfied with environmental protection and the upkeep of villages in your township?'),
  medical: t('您对本乡镇看病就医条件是否满意？', 'Are you satisfied with access to medical care in your township?'),
  education: t('您对本乡镇学校教育是否满意？', 'Are you satisfied with the schools in your township?'),
  public_security: t('您对本乡镇社会治安是否满意？', 'Are you satisfied with public security in your township?'),
  culture: t('您对本乡镇群众文化生活是否满意？', 'Are you satisfied with cultural life in your township?'),
  employment: t('您对本乡镇就业创业服务是否满意？', 'Are you satisfied with employment services in your township?'),
  cadre_style: t('您对本乡镇干部的工作作风是否满意？', "Are you satisfied with the work style of your township's cadres?"),
};

/** Q10a–d with the catalogue code of each policy (table `policy`, 0012_visits.sql). */
const POLICIES: [string, TBilingual, string][] = [
  ['Q10a', t('城乡居民基本医疗保险', 'basic medical insurance for urban and rural residents'), 'medical_insurance'],
  ['Q10b', t('城乡居民基本养老保险', 'basic pension insurance for urban and rural residents'), 'pension'],
  ['Q10c', t('最低生活保障（低保）', 'the minimum living allowance (dibao)'), 'dibao'],
  ['Q10d', t('耕地地力保护补贴（种粮补贴）', 'the farmland fertility protection subsidy'), 'farm_subsidy'],
];

const question = (q: Partial<TQuestion> & Pick<TQuestion, 'code' | 'kind' | 'role' | 'text'>): TQuestion => ({ options: [], required: true, ...q });

export const STANDARD_QUESTIONNAIRE: TQuestionnaireDefinition = {
  title: t('群众满意度电话调查问卷（标准版）', 'Residents’ satisfaction telephone survey (standard)'),
  introduction: t(
    '您好！我是县群众满意度调查的访问员，想占用您几分钟时间，了解您对本地工作的看法。您的回答完全保密，只用于统计分析。',
    'Hello! I am an interviewer for the county residents’ satisfaction survey. May I take a few minutes of your time to ask your views on local work? Your answers are confidential and used only for statistics.',
  ),
  closing: t('访问到此结束，感谢您的支持！', 'That is the end of the interview. Thank you for your help!'),
  questions: [
    question({
      code: 'S1',
      kind: 'single',
      role: 'screening',
      text: t('请问您在本县居住满一年了吗？', 'Have you lived in this county for at least a year?'),
      options: [option('yes', t('是', 'Yes')), option('no', t('否', 'No'), { screensOut: true })],
    }),
    question({
      code: 'S2',
      kind: 'single',
      role: 'screening',
      text: t('请问您的年龄是？', 'How old are you?'),
      options: [
        option('under18', t('18岁以下', 'Under 18'), { screensOut: true }),
        option('a18_35', t('18–35岁', '18–35')),
        option('a36_50', t('36–50岁', '36–50')),
        option('a51_65', t('51–65岁', '51–65')),
        option('over65', t('65岁以上', 'Over 65')),
      ],
    }),
    question({
      code: 'S3',
      kind: 'township',
      role: 'township',
      text: t('请问您现在住在哪个乡镇（街道）？', 'Which township (subdistrict) do you live in?'),
      note: t('按受访者回答记录，与抽样所属乡镇不同时以回答为准。', 'Record what the respondent says; it decides the township the answers count for.'),
    }),
    question({
      code: 'Q1',
      kind: 'single',
      role: 'overall',
      text: t('总体来说，您对本乡镇党委政府的工作是否满意？', 'Overall, are you satisfied with the work of your township’s Party committee and government?'),
      options: SATISFACTION_SCALE,
    }),
    ...SURVEY_DOMAINS.map((domain, i) =>
      question({ code: `Q${i + 2}`, kind: 'single', role: 'domain', domain, text: DOMAIN_TEXT[domain], options: SATISFACTION_SCALE }),
    ),
    ...POLICIES.map(([code, policy, policyCode]) =>
      question({
        code,
        kind: 'single',
        role: 'awareness',
        policy,
        policyCode,
        text: t(`您是否听说过“${policy['zh-CN']}”政策？`, `Have you heard of the policy on ${policy.en}?`),
        options: [option('heard', t('听说过', 'Heard of it'), { score: 100, satisfied: true }), option('not_heard', t('没听说过', 'Not heard of it'), { score: 0, dissatisfied: true })],
      }),
    ),
    question({
      code: 'Q11',
      kind: 'single',
      role: 'visited',
      text: t('今年以来，是否有干部到您家走访过？', 'Has a cadre visited your home this year?'),
      options: [
        option('yes', t('有', 'Yes'), { score: 100, satisfied: true }),
        option('no', t('没有', 'No'), { score: 0, dissatisfied: true }),
        option('dont_remember', t('记不清', "Don't remember"), { excludedFromBase: true }),
      ],
    }),
    question({
      code: 'Q12',
      kind: 'open',
      role: 'problem',
      required: false,
      text: t('您觉得当前最需要解决的问题是什么？', 'What problem most needs solving where you live?'),
    }),
    question({
      code: 'Q13',
      kind: 'single',
      role: 'other',
      text: t('您是否同意由相关部门就这个问题与您联系？', 'May the responsible office contact you about this problem?'),
      note: t('同意时，问题转为民情诉求，受访者身份不向被评价乡镇公开。', 'With consent the problem becomes a case; the respondent stays anonymous to the township being rated.'),
      options: [option('yes', t('同意', 'Yes')), option('no', t('不同意', 'No'))],
    }),
  ],
};
