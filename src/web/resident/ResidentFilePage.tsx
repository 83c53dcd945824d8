/** The resident page's form (/r): village, category, the problem, an optional photo and contact, the human check. */
import { CameraOutlined, DeleteOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { residentPageApi } from '../../shared/api/resident-page.ts';
import type { TPublicChallenge, TResidentSubmitted } from '../../shared/schemas/resident-page.ts';
import { ApiError, call, uploadCall } from '../api.ts';
import { applyIssues, errorText } from '../components/errors.ts';
import { useApi } from '../hooks/useApi.ts';
import { useI18n } from '../i18n/index.tsx';

interface Values {
  villageCode: string;
  categoryCode: string;
  description: string;
  contactName?: string;
  consentContact: boolean;
  contactPhone?: string;
  challengeAnswer: string;
}

const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const FIELDS = ['villageCode', 'categoryCode', 'description', 'contactName', 'contactPhone', 'consentContact', 'challengeAnswer'] as const;

export function ResidentFilePage({ county, village }: { county: string; village: string | null }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const categories = useApi((signal) => call(residentPageApi.listCategories, { query: { county } }, { signal }), [county]);
  const villages = useApi((signal) => call(residentPageApi.listVillages, { query: { county } }, { signal }), [county]);
  const [challenge, setChallenge] = useState<TPublicChallenge>();
  const [photo, setPhoto] = useState<{ sha256: string; preview: string }>();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState<TResidentSubmitted>();
  const fileInput = useRef<HTMLInputElement>(null);
  const consent = Form.useWatch('consentContact', form);

  const newChallenge = useCallback(async () => {
    form.setFieldValue('challengeAnswer', '');
    try {
      setChallenge(await call(residentPageApi.newChallenge));
    } catch (e) {
      setError(errorText(t, e));
    }
  }, [form, t]);
  useEffect(() => {
    void newChallenge();
  }, [newChallenge]);
  useEffect(() => () => {
    if (photo) URL.revokeObjectURL(photo.preview);
  }, [photo]);

  const categoryOptions = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const c of categories.data?.items ?? []) {
      const group = locale === 'en' ? c.groupNameEn : c.groupName;
      if (!groups.has(group)) groups.set(group, { label: group, options: [] });
      groups.get(group)!.options.push({ value: c.code, label: locale === 'en' ? c.nameEn : c.name });
    }
    return [...groups.values()];
  }, [categories.data, locale]);
  const villageOptions = useMemo(() => (villages.data?.items ?? []).map((v) => ({ value: v.code, label: `${v.townshipName} · ${v.name}` })), [villages.data]);
  const knownVillage = village !== null && villageOptions.some((o) => o.value === village);

  const pickPhoto = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    setError(undefined);
    try {
      const stored = await uploadCall(residentPageApi.uploadPhoto, { query: { county } }, file, UPLOAD_TYPES.includes(file.type) ? file.type : 'application/octet-stream');
      setPhoto({ sha256: stored.sha256, preview: URL.createObjectURL(file) });
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const submit = async (values: Values) => {
    if (!challenge) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const answer = await call(residentPageApi.submitCase, {
        body: {
          county,
          villageCode: values.villageCode,
          categoryCode: values.categoryCode,
          description: values.description,
          ...(values.contactName?.trim() ? { contactName: values.contactName.trim() } : {}),
          consentContact: Boolean(values.consentContact),
          ...(values.consentContact && values.contactPhone ? { contactPhone: values.contactPhone.trim() } : {}),
          ...(photo ? { photoSha256: photo.sha256 } : {}),
          challengeId: challenge.id,
          challengeAnswer: values.challengeAnswer,
        },
      });
      setDone(answer);
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'public_challenge_failed') {
        await newChallenge();
        form.setFields([{ name: 'challengeAnswer', errors: [e.detail] }]);
      } else if (e instanceof ApiError && e.code === 'resident_photo_unknown') {
        setPhoto(undefined);
        setError(e.detail);
      } else {
        if (!applyIssues(form, e, FIELDS)) setError(errorText(t, e));
        // A refused filing may have spent the picture: always answer with a fresh one.
        await newChallenge();
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (done) {
    return (
      <Card data-testid="resident-submitted">
        <Result
          status="success"
          title={t('residentPage.submitted')}
          subTitle={
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <span>
                {t('residentPage.caseNo')}：<b data-testid="resident-case-no">{done.caseNo}</b>
              </span>
              <span>{t('residentPage.trackingCode')}：</span>
              <Typography.Text copyable={{ text: done.trackingCode }} data-testid="resident-tracking-code" style={{ fontSize: 28, fontFamily: 'monospace', letterSpacing: 3 }}>
                {done.trackingCode}
              </Typography.Text>
              <Alert type="warning" showIcon message={t('residentPage.keepCode')} />
            </Space>
          }
          extra={[
            <Button key="track" type="primary" onClick={() => navigate(`/r/track${village ? `?v=${village}` : ''}`, { state: { code: done.trackingCode } })}>
              {t('residentPage.trackThis')}
            </Button>,
            <Button
              key="again"
              onClick={() => {
                setDone(undefined);
                setPhoto(undefined);
                form.resetFields();
                void newChallenge();
              }}
            >
              {t('residentPage.fileAnother')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('residentPage.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="resident-error" />}
      {(categories.error || villages.error) && <Alert type="error" showIcon message={errorText(t, categories.error ?? villages.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ consentContact: false }}
        onFinish={submit}
        key={knownVillage ? 'preset' : 'blank'}
      >
        <Form.Item name="villageCode" label={t('residentPage.village')} rules={[{ required: true, message: t('residentPage.village') }]} initialValue={knownVillage ? village : undefined}>
          <Select showSearch optionFilterProp="label" placeholder={t('residentPage.villagePlaceholder')} options={villageOptions} loading={villages.loading} data-testid="resident-village" />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('residentPage.category')} rules={[{ required: true, message: t('residentPage.categoryPlaceholder') }]}>
          <Select placeholder={t('residentPage.categoryPlaceholder')} options={categoryOptions} loading={categories.loading} data-testid="resident-category" />
        </Form.Item>
        <Form.Item name="description" label={t('residentPage.description')} rules={[{ required: true, whitespace: true, min: 5, message: t('residentPage.descriptionTooShort') }]}>
          <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('residentPage.descriptionPlaceholder')} data-testid="resident-description" />
        </Form.Item>
        <Form.Item label={t('residentPage.photo')}>
          <input ref={fileInput} type="file" accept="image/*" hidden data-testid="resident-photo-input" onChange={(e) => void pickPhoto(e.target.files?.[0])} />
          {photo ? (
            <Space align="start">
              <img src={photo.preview} alt="" data-testid="resident-photo-preview" style={{ width: 120, height: 90, objectFit: 'cover', borderRadius: 6 }} />
              <Button icon={<DeleteOutlined />} onClick={() => setPhoto(undefined)}>
                {t('residentPage.photoRemove')}
              </Button>
            </Space>
          ) : (
            <Button icon={<CameraOutlined />} loading={uploading} onClick={() => fileInput.current?.click()}>
              {uploading ? t('residentPage.photoUploading') : t('residentPage.photoAdd')}
            </Button>
          )}
        </Form.Item>
        <Form.Item name="contactName" label={t('residentPage.name')}>
          <Input maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item name="consentContact" valuePropName="checked">
          <Checkbox data-testid="resident-consent">{t('residentPage.consent')}</Checkbox>
        </Form.Item>
        {consent && (
          <Form.Item name="contactPhone" label={t('residentPage.phone')} extra={t('residentPage.phoneHint')} rules={[{ required: true, whitespace: true, message: t('residentPage.phoneRequired') }]}>
            <Input inputMode="tel" autoComplete="tel" maxLength={40} data-testid="resident-phone" />
          </Form.Item>
        )}
        <Form.Item label={t('residentPage.challenge')} required>
          <Space wrap>
            {challenge && <img src={challenge.image} alt="" width={200} height={64} data-testid="resident-challenge-image" style={{ borderRadius: 4, border: '1px solid #ddd' }} />}
            <Button type="link" icon={<ReloadOutlined />} onClick={() => void newChallenge()}>
              {t('residentPage.challengeRefresh')}
            </Button>
          </Space>
          <Form.Item name="challengeAnswer" noStyle rules={[{ required: true, whitespace: true, message: t('residentPage.challengeRequired') }]}>
            <Input inputMode="numeric" maxLength={4} style={{ marginTop: 8, maxWidth: 160 }} data-testid="resident-challenge-answer" />
          </Form.Item>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} disabled={uploading} data-testid="resident-submit">
          {t('residentPage.submit')}
        </Button>
      </Form>
    </Card>
  );
}
