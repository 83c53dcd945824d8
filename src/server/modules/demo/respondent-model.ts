/**
 * The demo's respondents: who answers what. Satisfaction differs by township (a seeded
 * propensity per township), by domain and by person; interviews may break off or be interrupted.
 */
import type { TAnswerInput, TFieldworkCase } from '../../../shared/schemas/survey-fieldwork.ts';
import type { TQuestion } from '../../../shared/schemas/survey.ts';
import { SURVEY_DOMAINS } from '../../../shared/schemas/survey.ts';
import { STANDARD_QUESTIONNAIRE } from '../survey/index.ts';
import { normal, weighted, type Random } from './random.ts';

export interface Outcome {
  code: string;
  seconds: number;
  note?: string;
  appointmentAt?: Date;
  /** Answer saves during the attempt: answers, the question reached, seconds after the claim. */
  saves: { answers: TAnswerInput[]; currentQuestion: string | null; at: number }[];
}

const PROBLEMS = [
  '村里道路坑洼，希望尽快硬化修补',
  '路灯太少，晚上出行不安全',
  '看病报销手续繁琐，希望简化',
  '村卫生室缺医少药',
  '孩子上学路远，希望开通校车',
  '自来水时有时无，水质也不好',
  '冬季取暖费用高，清洁取暖补贴不到位',
  '垃圾清运不及时，村头堆放',
  '农产品销路不好，价格太低',
  '希望多提供家门口的就业岗位',
  '养老金太低，老人生活困难',
  '低保评定不够公开',
  '雨季排水不畅，院子积水',
  '集市占道经营，交通拥堵',
  '希望村里建个文化活动广场',
  '网络信号差，孩子上网课困难',
  '反映的问题一直没人答复',
  '秸秆禁烧后处理没有出路',
];

/**
 * Respondents' answers: satisfaction differs by township (seeded propensity), domain and person.
 *
 * @example
 * const respondents = new RespondentModel(rnd, ['370921101', '370921102']);
 * respondents.interview(rnd, '370921101', caseView, 'full').code; // '1.1'
 */
/**
 * How a later wave's residents differ from the model's: domains that moved where rectification
 * was done (a shift of the latent satisfaction, by township code and domain), and one township
 * whose residents were coached before the calls (a share of them answer 满意 to every
 * satisfaction question: the pattern the gaming detector looks for).
 */
export interface RespondentAdjustments {
  shift?: ReadonlyMap<string, Readonly<Record<string, number>>>;
  coached?: { code: string; share: number };
}

export class RespondentModel {
  /** Latent propensity per township: evenly spread, in a seeded order, so the ranking has real gaps and close neighbours. */
  private readonly propensity = new Map<string, number>();
  private readonly visitRate = new Map<string, number>();
  private readonly questions = STANDARD_QUESTIONNAIRE.questions;

  constructor(
    rnd: Random,
    private readonly townships: string[],
    private readonly adjustments: RespondentAdjustments = {},
  ) {
    const order = [...townships];
    for (let i = order.length - 1; i > 0; i--) {
      const j = rnd.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    order.forEach((code, i) => {
      const level = 0.45 + (order.length > 1 ? i / (order.length - 1) : 0.5) + (rnd.next() - 0.5) * 0.1;
      this.propensity.set(code, level);
      // Townships that do better also visit more, with noise: the data can show both.
      this.visitRate.set(code, Math.min(0.85, Math.max(0.2, 0.3 + level * 0.25 + (rnd.next() - 0.5) * 0.2)));
    });
  }

  /** An interview (or part of one) with the person who answered; codes 1.1, 2.12 or T2.12. */
  interview(rnd: Random, sampled: string, view: TFieldworkCase, kind: 'full' | 'breakoff' | 'interrupted' | 'resume'): Outcome {
    const given = new Set((view.interview?.answers ?? []).map((a) => a.questionCode));
    // Someone who moved answers S3 with where they live now; answers count for that township.
    const township = given.has('S3') ? (view.interview!.answers.find((a) => a.questionCode === 'S3')!.optionId ?? sampled) : rnd.next() < 0.97 ? sampled : rnd.pick(this.townships);
    const all = this.answers(rnd, township).filter((a) => !given.has(a.questionCode));
    const minutes = 5 + rnd.next() * 7;
    if (kind === 'full' || kind === 'resume') {
      const seconds = Math.round((kind === 'resume' ? minutes * 0.6 : minutes) * 60);
      // One save at the end (the workstation saves more often; each save costs the seeding time).
      return { code: '1.1', seconds, saves: [{ answers: all, currentQuestion: null, at: seconds - 10 }] };
    }
    // Stopped after the screening and a few questions.
    const upTo = 3 + rnd.int(2, 6);
    const partial = all.slice(0, upTo);
    const seconds = Math.round(60 + upTo * 25 + rnd.int(0, 30));
    const save = { answers: partial, currentQuestion: all[upTo]?.questionCode ?? null, at: seconds - 10 };
    if (kind === 'breakoff') return { code: '2.12', seconds, note: '访问中途挂断', saves: [save] };
    return { code: 'T2.12', seconds, note: '有事中断，约定续访', saves: [save] };
  }

  /** Not eligible: lived here under a year, or under 18. */
  screenOut(rnd: Random): Outcome {
    const young = rnd.next() < 0.4;
    const answers: TAnswerInput[] = young
      ? [
          { questionCode: 'S1', optionId: 'yes' },
          { questionCode: 'S2', optionId: 'under18' },
        ]
      : [{ questionCode: 'S1', optionId: 'no' }];
    const seconds = rnd.int(50, 110);
    return { code: '4.70', seconds, note: young ? '受访者未满18岁' : '在本县居住不满一年', saves: [{ answers, currentQuestion: null, at: seconds - 10 }] };
  }

  /** Every answer of one eligible respondent, in questionnaire order. */
  private answers(rnd: Random, township: string): TAnswerInput[] {
    const level = this.propensity.get(township) ?? 0.9;
    const person = normal(rnd) * 0.6;
    const answers: TAnswerInput[] = [];
    let problem = false;
    // Drawn only when a township is coached, so an unadjusted model draws exactly as before.
    const coached = this.adjustments.coached?.code === township && rnd.next() < this.adjustments.coached.share;
    for (const q of this.questions) {
      if (coached && (q.role === 'overall' || q.role === 'domain')) {
        answers.push({ questionCode: q.code, optionId: 'satisfied' });
        continue;
      }
      const answer = this.answer(rnd, q, { township, level, person, problem });
      if (!answer) continue;
      if (q.role === 'problem') problem = true;
      answers.push(answer);
    }
    return answers;
  }

  private answer(rnd: Random, q: TQuestion, r: { township: string; level: number; person: number; problem: boolean }): TAnswerInput | null {
    const choose = (optionId: string): TAnswerInput => ({ questionCode: q.code, optionId });
    switch (q.role) {
      case 'screening':
        return q.code === 'S1' ? choose('yes') : choose(weighted(rnd, { a18_35: 0.18, a36_50: 0.3, a51_65: 0.33, over65: 0.19 }));
      case 'township':
        return choose(r.township);
      case 'overall':
      case 'domain': {
        const domain = q.domain ?? 'overall';
        if (rnd.next() < (DONT_KNOW[domain] ?? 0.05)) return choose('dont_know');
        const z = r.level + r.person + (DOMAIN_SHIFT[domain] ?? 0) + (this.adjustments.shift?.get(r.township)?.[domain] ?? 0) + normal(rnd) * 0.6;
        return choose(z > 0.9 ? 'satisfied' : z > -0.4 ? 'basically' : 'dissatisfied');
      }
      case 'awareness':
        return choose(rnd.next() < (AWARENESS[q.code] ?? 0.8) + (r.level - 0.95) * 0.08 ? 'heard' : 'not_heard');
      case 'visited':
        if (rnd.next() < 0.06) return choose('dont_remember');
        return choose(rnd.next() < (this.visitRate.get(r.township) ?? 0.4) ? 'yes' : 'no');
      case 'problem':
        return rnd.next() < 0.3 ? { questionCode: q.code, text: rnd.pick(PROBLEMS) } : null;
      default:
        // Q13, consent to be contacted about the problem: only asked to say yes when there is one.
        return choose(r.problem && rnd.next() < 0.55 ? 'yes' : 'no');
    }
  }
}

/** 不了解 / 说不清 is commoner where residents have less contact with the service. */
const DONT_KNOW: Record<string, number> = { overall: 0.03, hardship_relief: 0.12, environment: 0.03, medical: 0.05, education: 0.1, public_security: 0.04, culture: 0.08, employment: 0.15, cadre_style: 0.07 };
/** How each domain sits against the overall level (jobs and medical care rate lowest, security highest). */
const DOMAIN_SHIFT: Record<(typeof SURVEY_DOMAINS)[number] | 'overall', number> = {
  overall: 0.2,
  hardship_relief: 0.1,
  environment: -0.2,
  medical: -0.3,
  education: 0,
  public_security: 0.4,
  culture: 0.1,
  employment: -0.5,
  cadre_style: 0,
};
const AWARENESS: Record<string, number> = { Q10a: 0.93, Q10b: 0.88, Q10c: 0.72, Q10d: 0.6 };
