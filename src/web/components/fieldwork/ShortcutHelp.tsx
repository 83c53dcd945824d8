import { Typography } from 'antd';
import { Fragment } from 'react';
import { useHasKeyboard } from '../../hooks/useIsMobile.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

const kbd = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12, padding: '0 4px', border: '1px solid #d9d9d9', borderBottomWidth: 2, borderRadius: 4, background: '#fafafa' };

const SHORTCUTS: [keys: string[], what: MessageKey][] = [
  [['N'], 'fieldwork.keys.next'],
  [['D'], 'fieldwork.keys.dial'],
  [['1', '9'], 'fieldwork.keys.choose'],
  [['Enter'], 'fieldwork.keys.goOn'],
  [['←', 'Backspace'], 'fieldwork.keys.back'],
  [['R'], 'fieldwork.keys.outcome'],
  [['T'], 'fieldwork.keys.return'],
  [['Ctrl+Enter'], 'fieldwork.keys.textGoOn'],
  [['Esc'], 'fieldwork.keys.leaveText'],
];

/**
 * The keyboard shortcuts, on one line above the work: a headset interviewer never needs the mouse.
 * Not shown on a phone or a touch-only screen, which has no keys to press.
 */
export function ShortcutHelp() {
  const { t } = useI18n();
  const keyboard = useHasKeyboard();
  if (!keyboard) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 12 }} data-testid="shortcut-help">
      {t('fieldwork.keys.title')}{' '}
      {SHORTCUTS.map(([keys, what], i) => (
        <Fragment key={what}>
          {i > 0 && ' · '}
          {keys.map((k, j) => (
            <Fragment key={k}>
              {j > 0 && (keys[0] === '1' ? '–' : ' / ')}
              <kbd style={kbd}>{k}</kbd>
            </Fragment>
          ))}{' '}
          {t(what)}
        </Fragment>
      ))}
      {' · '}
      {t('fieldwork.keys.notInFields')}
    </Typography.Paragraph>
  );
}
