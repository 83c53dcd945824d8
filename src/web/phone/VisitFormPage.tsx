/**
 * The visit form (走访记录) for one household of the work package, usable offline: kind, whom they
 * met, the situation, problems with their domain, policies explained, aid from the campaign's
 * standard for the household's categories (warning when none remains: the shared
 * `remainingDeliveries`), photos from the camera and the recipient's signature or a witness.
 * Saving puts the record in the outbox with an id made now (`crypto.randomUUID()`); it is sent
 * when the network allows.
 */
import { CameraOutlined, DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { SURVEY_DOMAINS } from '../../shared/schemas/survey.ts';
import { checkAidLine, VISIT_KINDS, VISIT_LIMITS, ZVisitRecord, type TAidItem, type TVisitKind } from '../../shared/visits/index.ts';
import { useI18n, type Translate } from '../i18n/index.tsx';
import { useLive, usePhone } from './PhoneContext.tsx';
import { preparePhoto, type PhonePhoto } from './photos.ts';
import { recordBody } from './record-body.ts';
import { SignaturePad } from './SignaturePad.tsx';
import { addToOutbox, type DraftBody } from './store.ts';
import { aidItemsFor, remainingOnPhone, type LocalAidLine } from './work-package.ts';

interface AidChoice {
  given: boolean;
  yuan: number | null;
  goods: Record<string, number | null>;
}

const yuan = (fen: number) => (fen / 100).toFixed(2).replace(/\.00$/, '');

function standardText(item: TAidItem) {
  return [item.amountFen ? `¥${yuan(item.amountFen)}` : null, ...item.goods.map((g) => `${g.name} ${g.quantity}${g.unit}`)].filter(Boolean).join(' + ');
}

function aidIssueText(t: Translate, item: TAidItem, issue: ReturnType<typeof checkAidLine>[number]) {
  if (issue.code === 'amount_above_standard') return t('visitApp.aidIssue.amount_above_standard', { standard: `¥${yuan(issue.standardFen)}` });
  if (issue.code === 'goods_above_standard') {
    const goods = item.goods.find((g) => g.code === issue.goodsCode);
    return t('visitApp.aidIssue.goods_above_standard', { standard: `${issue.standardQuantity}${goods?.unit ?? ''}` });
  }
  return t(`visitApp.aidIssue.${issue.code}`);
}

export function VisitFormPage() {
  const { campaignId = '', householdId = '' } = useParams();
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { db, syncNow } = usePhone();
  const stored = useLive(() => db.work.get('current'), [db]);
  const localAid = useLive(
    async () =>
      (await db.records.toArray())
        .filter((r) => r.state === 'pending' || r.state === 'sent')
        .flatMap((r): LocalAidLine[] =>
          (r.body.aid ?? []).map((a) => ({ recordId: r.clientId, campaignId: r.body.campaignId ?? '', householdId: r.body.householdId, itemCode: a.itemCode, createdAt: r.createdAt })),
        ),
    [db],
  );
  const work = stored?.work;
  const campaign = work?.campaigns.find((c) => c.id === campaignId);
  const household = work?.households.find((h) => h.campaignId === campaignId && h.householdId === householdId);
  const items = useMemo(() => (campaign && household ? aidItemsFor(campaign, household.categoryCodes) : []), [campaign, household]);

  const [kind, setKind] = useState<TVisitKind>('home');
  const [visitedAt, setVisitedAt] = useState(() => dayjs().format('YYYY-MM-DDTHH:mm'));
  const [met, setMet] = useState<{ name: string; relation: string }[]>([]);
  const [situation, setSituation] = useState('');
  const [problems, setProblems] = useState<{ text: string; domain: (typeof SURVEY_DOMAINS)[number] | null }[]>([]);
  const [policies, setPolicies] = useState<string[]>([]);
  const [aid, setAid] = useState<Record<string, AidChoice>>({});
  const [photos, setPhotos] = useState<PhonePhoto[]>([]);
  const [ack, setAck] = useState<'signed' | 'cannot_sign'>('signed');
  const [signature, setSignature] = useState<Blob | null>(null);
  const [witness, setWitness] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  const previews = useMemo(() => photos.map((p) => URL.createObjectURL(p.blob)), [photos]);
  useEffect(() => () => previews.forEach((u) => URL.revokeObjectURL(u)), [previews]);

  if (stored === undefined || localAid === undefined) return null;
  if (!work || !campaign || !household) return <Empty description={t('visitApp.form.notFound')} />;

  const aidAllowed = kind !== 'phone';
  const chosen = aidAllowed ? items.filter((i) => aid[i.code]?.given) : [];
  const aidLines = chosen.map((item) => {
    const c = aid[item.code]!;
    const goods = item.goods.map((g) => ({ code: g.code, quantity: c.goods[g.code] ?? 0 })).filter((g) => g.quantity > 0);
    return { itemCode: item.code, ...(c.yuan ? { amountFen: Math.round(c.yuan * 100) } : {}), goods };
  });
  const toggleAid = (item: TAidItem, given: boolean) =>
    setAid((a) => ({
      ...a,
      [item.code]: a[item.code] ? { ...a[item.code]!, given } : { given, yuan: item.amountFen ? item.amountFen / 100 : null, goods: Object.fromEntries(item.goods.map((g) => [g.code, g.quantity])) },
    }));

  const addPhotos = async (files: FileList | null) => {
    if (!files) return;
    const added: PhonePhoto[] = [];
    for (const file of Array.from(files)) {
      try {
        added.push(await preparePhoto(file));
      } catch {
        void message.error(t('visitApp.form.photoFailed'));
      }
    }
    setPhotos((p) => {
      const next = [...p, ...added];
      if (next.length > VISIT_LIMITS.photos) void message.warning(t('visitApp.form.tooManyPhotos', { count: VISIT_LIMITS.photos }));
      return next.slice(0, VISIT_LIMITS.photos);
    });
  };

  const save = async () => {
    setError(null);
    if (aidLines.some((l) => !l.amountFen && l.goods.length === 0)) return setError(t('visitApp.form.needAidValue'));
    if (aidLines.length > 0 && ack === 'signed' && !signature) return setError(t('visitApp.form.needSignature'));
    if (aidLines.length > 0 && ack === 'cannot_sign' && !witness.trim()) return setError(t('visitApp.form.needWitness'));
    const draft: DraftBody = {
      clientId: crypto.randomUUID(),
      campaignId,
      householdId,
      visitedAt: new Date(dayjs(visitedAt).valueOf()).toISOString(),
      kind,
      met: met.filter((m) => m.name.trim()).map((m) => ({ name: m.name.trim(), ...(m.relation.trim() ? { relation: m.relation.trim() } : {}) })),
      situation: situation.trim(),
      problems: problems.filter((p) => p.text.trim() && p.domain).map((p) => ({ text: p.text.trim(), domain: p.domain! })),
      policiesExplained: policies,
      aid: aidLines,
      ...(aidLines.length > 0 ? { acknowledgement: ack === 'signed' ? { kind: 'signed' as const } : { kind: 'cannot_sign' as const, witnessName: witness.trim() } } : {}),
    };
    const files = [
      ...photos.map((p, position) => ({ kind: 'photo' as const, position, blob: p.blob, mediaType: p.mediaType, takenAt: p.takenAt })),
      ...(aidLines.length > 0 && ack === 'signed' && signature ? [{ kind: 'signature' as const, position: 0, blob: signature, mediaType: 'image/png' as const, takenAt: new Date().toISOString() }] : []),
    ];
    // The same schema as the server's, with stand-in hashes: what it refuses is said now, not after a sync.
    const check = ZVisitRecord.safeParse(recordBody(draft, files.map((f, i) => ({ ...f, sha256: i.toString(16).padStart(64, '0'), capturedAt: null }))));
    if (!check.success) {
      const issue = check.error.issues[0]!;
      return setError(t('visitApp.form.invalid', { message: `${issue.path.join('.')} ${issue.message}` }));
    }
    setSaving(true);
    try {
      await addToOutbox(db, { clientId: draft.clientId, body: draft, householdName: household.headName, campaignName: campaign.name, createdAt: new Date().toISOString() }, files);
      void message.success(t('visitApp.form.saved'));
      navigate('/m');
      void syncNow();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="phone-visit-form">
      <Card size="small">
        <Typography.Text strong style={{ fontSize: 16 }}>
          {household.headName}
        </Typography.Text>
        <div style={{ color: 'rgba(0,0,0,.55)', fontSize: 13 }}>
          {household.villageName} · {household.address}
        </div>
        <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 12 }}>{[campaign.name, household.headIdMasked, household.phoneMasked].filter(Boolean).join(' · ')}</div>
      </Card>

      <Card size="small" title={t('visitApp.form.kind')}>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as TVisitKind)} optionType="button" buttonStyle="solid" style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {VISIT_KINDS.map((k) => (
            <Radio.Button key={k} value={k}>
              {t(`visitApp.kind.${k}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
        <div style={{ marginTop: 10 }}>
          <Typography.Text type="secondary">{t('visitApp.form.visitedAt')}</Typography.Text>
          <Input type="datetime-local" value={visitedAt} onChange={(e) => setVisitedAt(e.target.value)} aria-label={t('visitApp.form.visitedAt')} />
        </div>
      </Card>

      <Card size="small" title={t('visitApp.form.met')}>
        {met.map((m, i) => (
          <Space.Compact key={i} style={{ width: '100%', marginBottom: 6 }}>
            <Input placeholder={t('visitApp.form.metName')} aria-label={t('visitApp.form.metName')} maxLength={40} value={m.name} onChange={(e) => setMet((all) => all.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
            <Input placeholder={t('visitApp.form.relation')} maxLength={20} value={m.relation} onChange={(e) => setMet((all) => all.map((x, j) => (j === i ? { ...x, relation: e.target.value } : x)))} />
            <Button icon={<MinusCircleOutlined />} onClick={() => setMet((all) => all.filter((_, j) => j !== i))} />
          </Space.Compact>
        ))}
        {met.length < VISIT_LIMITS.met && (
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => setMet((all) => [...all, { name: '', relation: '' }])}>
            {t('visitApp.form.addMet')}
          </Button>
        )}
      </Card>

      <Card size="small" title={t('visitApp.form.situation')}>
        <Input.TextArea rows={3} maxLength={VISIT_LIMITS.situation} showCount value={situation} onChange={(e) => setSituation(e.target.value)} aria-label={t('visitApp.form.situation')} />
      </Card>

      <Card size="small" title={t('visitApp.form.problems')}>
        {problems.map((p, i) => (
          <div key={i} style={{ marginBottom: 8 }}>
            <Input.TextArea rows={2} maxLength={VISIT_LIMITS.problemText} placeholder={t('visitApp.form.problemText')} value={p.text} onChange={(e) => setProblems((all) => all.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))} />
            <Space.Compact style={{ width: '100%', marginTop: 4 }}>
              <Select
                style={{ width: '100%' }}
                placeholder={t('visitApp.form.problemDomain')}
                value={p.domain}
                onChange={(domain) => setProblems((all) => all.map((x, j) => (j === i ? { ...x, domain } : x)))}
                options={SURVEY_DOMAINS.map((d) => ({ value: d, label: t(`survey.domain.${d}`) }))}
              />
              <Button icon={<MinusCircleOutlined />} onClick={() => setProblems((all) => all.filter((_, j) => j !== i))} />
            </Space.Compact>
          </div>
        ))}
        {problems.length < VISIT_LIMITS.problems && (
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => setProblems((all) => [...all, { text: '', domain: null }])}>
            {t('visitApp.form.addProblem')}
          </Button>
        )}
      </Card>

      {work.policies.length > 0 && (
        <Card size="small" title={t('visitApp.form.policies')}>
          <Checkbox.Group value={policies} onChange={(v) => setPolicies(v)} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {work.policies.map((p) => (
              <Checkbox key={p.code} value={p.code}>
                {text({ 'zh-CN': p.name, en: p.nameEn })}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Card>
      )}

      <Card size="small" title={t('visitApp.form.aid')} data-testid="phone-aid">
        {!aidAllowed && <Alert type="info" showIcon title={t('visitApp.form.noAidByPhone')} />}
        {aidAllowed && items.length === 0 && <Typography.Text type="secondary">{t('visitApp.form.noAidItems')}</Typography.Text>}
        {aidAllowed &&
          items.map((item) => {
            const choice = aid[item.code];
            const remaining = remainingOnPhone(household, item, localAid);
            const line = aidLines.find((l) => l.itemCode === item.code);
            const issues = line ? checkAidLine(line, new Map([[item.code, item]])) : [];
            return (
              <div key={item.code} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
                <Checkbox checked={choice?.given ?? false} onChange={(e) => toggleAid(item, e.target.checked)} data-testid={`aid-${item.code}`}>
                  <Typography.Text strong>{item.name}</Typography.Text>
                </Checkbox>
                <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 12 }}>
                  {t('visitApp.form.standard', { standard: standardText(item) })} · {t('visitApp.form.remaining', { count: remaining })}
                </div>
                {choice?.given && remaining === 0 && <Alert type="warning" showIcon style={{ marginTop: 6 }} title={t('visitApp.form.noneRemaining')} />}
                {choice?.given && (
                  <Space wrap style={{ marginTop: 6 }}>
                    {item.amountFen !== undefined && (
                      <InputNumber
                        addonBefore="¥"
                        min={0}
                        precision={2}
                        value={choice.yuan}
                        aria-label={t('visitApp.form.amountYuan')}
                        onChange={(v) => setAid((a) => ({ ...a, [item.code]: { ...choice, yuan: v } }))}
                      />
                    )}
                    {item.goods.map((g) => (
                      <InputNumber
                        key={g.code}
                        addonBefore={g.name}
                        addonAfter={g.unit}
                        min={0}
                        precision={0}
                        value={choice.goods[g.code]}
                        onChange={(v) => setAid((a) => ({ ...a, [item.code]: { ...choice, goods: { ...choice.goods, [g.code]: v } } }))}
                      />
                    ))}
                  </Space>
                )}
                {issues.map((issue, i) => (
                  <Alert key={i} type="error" showIcon style={{ marginTop: 6 }} title={aidIssueText(t, item, issue)} />
                ))}
              </div>
            );
          })}
      </Card>

      {aidLines.length > 0 && (
        <Card size="small" title={t('visitApp.form.ack')}>
          <Radio.Group value={ack} onChange={(e) => setAck(e.target.value as 'signed' | 'cannot_sign')} style={{ marginBottom: 8 }}>
            <Radio value="signed">{t('visitApp.form.ackSigned')}</Radio>
            <Radio value="cannot_sign">{t('visitApp.form.ackCannotSign')}</Radio>
          </Radio.Group>
          {ack === 'signed' ? (
            <SignaturePad onChange={setSignature} />
          ) : (
            <Input placeholder={t('visitApp.form.witness')} aria-label={t('visitApp.form.witness')} maxLength={40} value={witness} onChange={(e) => setWitness(e.target.value)} />
          )}
        </Card>
      )}

      <Card size="small" title={t('visitApp.form.photos')}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {previews.map((url, i) => (
            <div key={url} style={{ position: 'relative' }} data-testid="phone-photo">
              <img src={url} alt="" style={{ width: 88, height: 88, objectFit: 'cover', borderRadius: 6 }} />
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('visitApp.form.removePhoto')} style={{ position: 'absolute', top: 2, right: 2 }} onClick={() => setPhotos((all) => all.filter((_, j) => j !== i))} />
            </div>
          ))}
        </div>
        <input ref={photoInput} type="file" accept="image/*" capture="environment" multiple hidden data-testid="phone-photo-input" onChange={(e) => void addPhotos(e.target.files).then(() => (e.target.value = ''))} />
        {photos.length < VISIT_LIMITS.photos && (
          <Button block icon={<CameraOutlined />} style={{ marginTop: 8 }} onClick={() => photoInput.current?.click()}>
            {t('visitApp.form.takePhoto')}
          </Button>
        )}
      </Card>

      {error && <Alert type="error" showIcon title={error} data-testid="phone-form-error" />}
      <Button type="primary" size="large" block loading={saving} onClick={() => void save()} data-testid="phone-save-visit">
        {t('visitApp.form.save')}
      </Button>
    </Space>
  );
}
