import { Form, Input, Radio, Space, Typography } from 'antd';
import { hasInvisibleCharacters } from '../../../shared/schemas/common.ts';
import { REVEAL_NOTE_MAX, REVEAL_PURPOSES, type TRevealPurpose, type TRevealPurposeCode } from '../../../shared/schemas/reveal-purpose.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FormModal } from '../FormModal.tsx';

interface Values {
  code: TRevealPurposeCode;
  note?: string;
}

/**
 * The last purpose given in this tab by this user: offered again (still to be confirmed) at the
 * next reveal, since a cadre on a round of visits reveals several numbers for one reason. Kept in
 * memory only, so a reload or another user starts with nothing chosen.
 */
let lastPurpose: { userId: string; purpose: TRevealPurpose } | null = null;

/**
 * Asks why a full number is needed (a purpose from the list, words for 其他) and reveals it
 * through `reveal`, which sends the purpose to the server; the server refuses a reveal without a
 * valid one and records it with the audit entry.
 */
export function RevealPurposeModal({ title, userId, reveal, onClose }: { title: string; userId: string; reveal(purpose: TRevealPurpose): Promise<void>; onClose(): void }) {
  const { t } = useI18n();
  const remembered = lastPurpose?.userId === userId ? lastPurpose.purpose : null;
  return (
    <FormModal<Values>
      title={title}
      okText={t('reveal.modal.ok')}
      fields={[]}
      initialValues={remembered ? { code: remembered.code, note: remembered.note ?? '' } : {}}
      data-testid="reveal-purpose"
      onSubmit={async (v) => {
        const purpose: TRevealPurpose = { code: v.code, note: v.note?.trim() ? v.note.trim() : null };
        await reveal(purpose);
        lastPurpose = { userId, purpose };
      }}
      onClose={onClose}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">{t('reveal.modal.hint')}</Typography.Paragraph>
          <Form.Item name="code" label={t('reveal.modal.purpose')} rules={[{ required: true, message: t('reveal.modal.purposeRequired') }]}>
            <Radio.Group>
              <Space orientation="vertical" size={4}>
                {REVEAL_PURPOSES.map((code) => (
                  <Radio key={code} value={code} data-testid={`reveal-purpose-${code}`}>
                    {t(`reveal.purpose.${code}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="note"
            label={t('reveal.modal.note')}
            dependencies={['code']}
            rules={[
              {
                validator: async (_, value?: string) => {
                  if (form.getFieldValue('code') === 'other' && !value?.trim()) throw new Error(t('reveal.modal.noteRequired'));
                  if (value && hasInvisibleCharacters(value)) throw new Error(t('reveal.modal.noteInvisible'));
                },
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={REVEAL_NOTE_MAX} showCount placeholder={t('reveal.modal.notePlaceholder')} data-testid="reveal-purpose-note" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
