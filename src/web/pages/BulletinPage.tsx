/**
 * The bulletin's preview (通报预览, issue 12 point 5): the model drawn like the A4 document —
 * the red header, 小标宋 title, 仿宋 body through CSS font stacks — every figure a link to the
 * page it came from; the Word and Excel downloads with the document's number and date; the
 * working notes' download for the county's roles only.
 */
import { Alert, Button, DatePicker, Form, Input, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { bulletinApi, type TBulletinFigure, type TBulletinModel, type TBulletinQuery, type TBulletinSource } from '../../shared/api/bulletin.ts';
import { GAMING_READ_ROLES, hasAnyRole } from '../../shared/roles.ts';
import { call, downloadCall } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

const FANGSONG = '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif';
const XIAOBIAOSONG = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", STZhongsong, SimSun, "Noto Serif CJK SC", serif';
const HEITI = '"黑体", SimHei, "Heiti SC", "Noto Sans CJK SC", sans-serif';
const KAITI = '"楷体_GB2312", "楷体", KaiTi, STKaiti, serif';
const RED = '#ff0000';

// 3号 = 16 pt; the page is drawn at its real size in millimetres and points, so it reads like the print.
const page: CSSProperties = {
  width: '210mm',
  maxWidth: '100%',
  minHeight: '297mm',
  boxSizing: 'border-box',
  padding: '37mm 26mm 35mm 28mm',
  margin: '0 auto',
  background: '#fff',
  boxShadow: '0 2px 12px rgba(0,0,0,0.15)',
  fontFamily: FANGSONG,
  fontSize: '16pt',
  lineHeight: '28.95pt',
  color: '#000',
};
const para: CSSProperties = { textIndent: '2em', margin: 0, textAlign: 'justify' };
const h1: CSSProperties = { ...para, fontFamily: HEITI, fontWeight: 'normal' };
const h2: CSSProperties = { ...para, fontFamily: KAITI };
const cellStyle: CSSProperties = { border: '1px solid #000', padding: '2px 4px', textAlign: 'center', fontSize: '12pt', lineHeight: 1.4 };

function Fig({ f }: { f: TBulletinFigure }) {
  const { text } = useI18n();
  return (
    <Link to={f.source.page} title={`${text(f.source.label)} — ${f.source.page}`} style={{ color: 'inherit', textDecoration: 'underline dotted' }}>
      {f.text}
    </Link>
  );
}

function Src({ sources }: { sources: (TBulletinSource | null | undefined)[] }) {
  const { t, text } = useI18n();
  const unique = [...new Map(sources.filter((s): s is TBulletinSource => !!s).map((s) => [s.page, s])).values()];
  return (
    <>
      {unique.map((s) => (
        <Link key={s.page} to={s.page} title={text(s.label)} style={{ fontSize: '9pt', marginLeft: 4, verticalAlign: 'super' }}>
          [{t('bulletin.source')}]
        </Link>
      ))}
    </>
  );
}

function Table({ header, rows }: { header: ReactNode[]; rows: ReactNode[][] }) {
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%', margin: '4pt 0' }}>
      <thead>
        <tr>
          {header.map((h, i) => (
            <th key={i} style={{ ...cellStyle, fontFamily: HEITI, fontWeight: 'normal' }}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j} style={cellStyle}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

/** The document itself (always Chinese, as printed). */
function BulletinDocument({ model }: { model: TBulletinModel }) {
  let section = 0;
  const heading = (text: string) => <p style={h1}>{`${NUMERALS[section++]}、${text}`}</p>;
  const rect = [...model.rectification.rows, ...(model.rectification.total ? [model.rectification.total] : [])];
  return (
    <div style={page} data-testid="bulletin-document">
      {model.draft && <div style={{ color: RED, fontFamily: HEITI, fontSize: '14pt', textAlign: 'center', marginTop: '-25mm', marginBottom: '17mm' }}>征求意见稿 · 考核结果未发布，不得外传</div>}
      <div style={{ color: RED, fontFamily: XIAOBIAOSONG, fontSize: 'min(36pt, 7vw)', lineHeight: 1.3, textAlign: 'center', marginTop: '10mm' }} data-testid="bulletin-issuer">
        {model.header.issuer}
      </div>
      <p style={{ textAlign: 'center', margin: '28.95pt 0 0' }}>{model.header.number ?? ' '}</p>
      <div style={{ borderBottom: `2px solid ${RED}`, marginTop: '4mm', marginBottom: '28.95pt' }} />
      <h1 style={{ fontFamily: XIAOBIAOSONG, fontSize: '22pt', lineHeight: '35pt', textAlign: 'center', fontWeight: 'normal', margin: '0 0 28.95pt' }}>{model.title}</h1>
      <p style={{ margin: 0 }}>{model.addressee}</p>
      <p style={para}>{model.lead}</p>

      {heading('全县结果与市级抽查对比')}
      {model.cityNote && <p style={para}>{model.cityNote}</p>}
      {model.city
        .filter((c) => !model.cityNote || c.county)
        .map((c) => (
          <p key={c.figure} style={para}>
            {c.sentence}
            <Src sources={[c.county?.source, c.city?.source]} />
          </p>
        ))}

      {heading('乡镇（街道）综合排名')}
      <Table
        header={['名次', '可能名次', '乡镇（街道）', '综合得分', '95%区间', ...model.components.map((c) => `${c.label['zh-CN']}（${c.weight}）`)]}
        rows={model.ranking.map((r) => [
          r.rank,
          r.rankText,
          r.name,
          <Fig key="c" f={r.composite} />,
          r.composite.intervalText,
          ...model.components.map((k) => {
            const c = r.components.find((x) => x.key === k.key);
            if (!c) return '—';
            return (
              <span key={k.key}>
                {c.figure ? <Fig f={c.figure} /> : '—'}
                {c.figure?.n != null && <span style={{ fontSize: '9pt' }}> n={c.figure.n}</span>}
                <br />
                <Fig f={c.points} />分
              </span>
            );
          }),
        ])}
      />

      {heading('各乡镇（街道）优势领域和薄弱领域')}
      {model.townships.map((t, i) => (
        <p key={t.townshipId} style={para}>
          {`${i + 1}. ${t.name}。优势领域：`}
          {t.strengths.length
            ? t.strengths.map((d, k) => (
                <span key={d.domain + d.waveId}>
                  {k > 0 && '；'}
                  {d.label['zh-CN']}
                  <Fig f={d.township} />分，全县其他乡镇<Fig f={d.rest} />分（全县<Fig f={d.county} />分），差{d.difference.text}分（{d.difference.intervalText}）
                </span>
              ))
            : '无明显优势领域'}
          {'。薄弱领域：'}
          {t.weaknesses.length
            ? t.weaknesses.map((d, k) => (
                <span key={d.domain + d.waveId}>
                  {k > 0 && '；'}
                  {d.label['zh-CN']}
                  <Fig f={d.township} />分，全县其他乡镇<Fig f={d.rest} />分（全县<Fig f={d.county} />分），差{d.difference.text}分（{d.difference.intervalText}）
                </span>
              ))
            : '无明显薄弱领域'}
          。<Src sources={[t.source]} />
        </p>
      ))}

      {heading('整改任务进展')}
      <p style={para}>{model.rectification.sentence}</p>
      {rect.length > 0 && (
        <Table
          header={['乡镇（街道）', '任务数', '整改中', '待验收', '已验收', '按期完成', '逾期']}
          rows={rect.map((r) => [
            <Link key="n" to={r.source.page}>
              {r.name}
            </Link>,
            r.total,
            r.open,
            r.submitted,
            r.accepted,
            r.acceptedOnTime,
            r.overdue,
          ])}
        />
      )}

      {heading('先进和后进乡镇（街道）')}
      {!model.best && <p style={para}>本期无排名结果。</p>}
      {model.best && (
        <>
          <p style={h2}>（一）综合得分靠前</p>
          <p style={para}>{model.best.sentence}</p>
        </>
      )}
      {model.lagging && model.lagging.sentence !== model.best?.sentence && (
        <>
          <p style={h2}>（二）综合得分靠后</p>
          <p style={para}>{model.lagging.sentence}</p>
        </>
      )}

      {heading('方法说明')}
      {model.method.map((m, i) => (
        <p key={i} style={para}>{`${i + 1}. ${m}`}</p>
      ))}

      {heading('数据来源')}
      {model.sources.map((s, i) => (
        <p key={s.page} style={para}>
          {`${i + 1}. ${s.label['zh-CN']}：`}
          <Link to={s.page}>{s.page}</Link>
        </p>
      ))}

      <p style={{ textAlign: 'right', margin: '57.9pt 2em 0 0' }}>{model.header.signature}</p>
      <p style={{ textAlign: 'right', margin: '0 2em 0 0' }}>{model.header.dateText}</p>
    </div>
  );
}

export function BulletinPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  useTitle(t('bulletin.title'));
  const [query, setQuery] = useState<TBulletinQuery>({});
  const [form] = Form.useForm<{ issuer?: string; number?: string; date?: dayjs.Dayjs }>();
  const bulletin = useApi((signal) => call(bulletinApi.getBulletin, { params: { id }, query }, { signal }), [id, JSON.stringify(query)]);
  const apply = (v: { issuer?: string; number?: string; date?: dayjs.Dayjs }) =>
    setQuery({ ...(v.issuer?.trim() ? { issuer: v.issuer.trim() } : {}), ...(v.number?.trim() ? { number: v.number.trim() } : {}), ...(v.date ? { date: v.date.format('YYYY-MM-DD') } : {}) });
  const model = bulletin.data;
  const name = model ? `${model.assessment.name}通报${model.draft ? '（征求意见稿）' : ''}` : '通报';
  return (
    <>
      <PageHeader
        title={t('bulletin.title')}
        extra={
          <Space wrap>
            <Link to={`/assessments/${id}`}>{t('bulletin.back')}</Link>
            <Button type="primary" disabled={!model} onClick={() => void downloadCall(bulletinApi.exportBulletinDocx, { params: { id }, query }, `${name}.docx`)} data-testid="bulletin-docx">
              {t('bulletin.docx')}
            </Button>
            <Button disabled={!model} onClick={() => void downloadCall(bulletinApi.exportBulletinXlsx, { params: { id }, query }, `${name}.xlsx`)} data-testid="bulletin-xlsx">
              {t('bulletin.xlsx')}
            </Button>
            {hasAnyRole(me.roles, GAMING_READ_ROLES) && (
              <Button danger title={t('bulletin.notesHint')} onClick={() => void downloadCall(bulletinApi.exportWorkingNotes, { params: { id } }, `工作备注-${id}.docx`)} data-testid="bulletin-notes">
                {t('bulletin.notes')}
              </Button>
            )}
          </Space>
        }
      />
      <Form form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="issuer" label={t('bulletin.issuer')}>
          <Input maxLength={40} style={{ width: 280 }} placeholder={model?.header.issuer} />
        </Form.Item>
        <Form.Item name="number" label={t('bulletin.number')}>
          <Input maxLength={40} style={{ width: 200 }} placeholder={t('bulletin.numberPlaceholder')} />
        </Form.Item>
        <Form.Item name="date" label={t('bulletin.date')}>
          <DatePicker />
        </Form.Item>
        <Button htmlType="submit">{t('bulletin.apply')}</Button>
      </Form>
      {model?.draft && <Alert type="warning" showIcon message={t('bulletin.draft')} style={{ marginBottom: 16 }} />}
      {bulletin.error && <LoadError error={bulletin.error} title={t('bulletin.title')} onRetry={bulletin.reload} />}
      {!model && !bulletin.error && <Spin />}
      {model && (
        <div style={{ background: '#f0f0f0', padding: 16, overflowX: 'auto' }}>
          <BulletinDocument model={model} />
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {model && `${model.assessment.periodStart} – ${model.assessment.periodEnd}`}
      </Typography.Paragraph>
    </>
  );
}
