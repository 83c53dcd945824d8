/**
 * Signing out on a device that may hold visit records (issue 10, point 5): the phone's store is
 * cleared, and when records are still unsent the user is told how many would be lost and may
 * send them first. Used by the phone app and by the desktop's user menu (loaded on demand there).
 */
import type { App } from 'antd';
import type { Translate } from '../i18n/index.tsx';
import { clearPhoneStores, countUnsent } from './store.ts';

export type SignOutChoice = 'sign_out' | 'send_first';

/**
 * `sign_out` at once when nothing is unsent; otherwise asks, naming how many records would be
 * lost, with "send first" as the other way out.
 *
 * @example
 * if ((await confirmSignOut(modal, t)) === 'sign_out') await signOutAndClear(logout);
 */
export async function confirmSignOut(modal: ReturnType<typeof App.useApp>['modal'], t: Translate): Promise<SignOutChoice> {
  const unsent = await countUnsent().catch(() => 0);
  if (unsent === 0) return 'sign_out';
  return new Promise<SignOutChoice>((resolve) => {
    modal.confirm({
      title: t('visitApp.signOutTitle'),
      content: t('visitApp.signOutLoses', { count: unsent }),
      okText: t('visitApp.signOutAnyway', { count: unsent }),
      okButtonProps: { danger: true },
      cancelText: t('visitApp.sendFirst'),
      onOk: () => resolve('sign_out'),
      onCancel: () => resolve('send_first'),
    });
  });
}

/** Ends the session, then deletes every phone store of this device, whatever the server answered. */
export async function signOutAndClear(logout: () => Promise<void>): Promise<void> {
  try {
    await logout();
  } finally {
    await clearPhoneStores();
  }
}
