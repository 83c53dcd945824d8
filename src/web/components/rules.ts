/**
 * Form rules that check what the server will check, with the shared zod schemas, so that most
 * mistakes are caught before a round trip. The server stays the authority.
 */
import type { FormRule } from 'antd';
import { ZNewPassword, ZUsername } from '../../shared/schemas/auth.ts';
import { ZRegionCode } from '../../shared/schemas/common.ts';
import type { MessageKey, Translate } from '../i18n/index.tsx';

const schemaRule =
  (schema: { safeParse(v: unknown): { success: boolean } }, t: Translate, message: MessageKey, vars?: Record<string, string | number>): FormRule =>
  () => ({
    validator: (_rule, value: unknown) =>
      value === undefined || value === '' || schema.safeParse(value).success ? Promise.resolve() : Promise.reject(new Error(t(message, vars))),
  });

export const requiredRule = (t: Translate): FormRule => ({ required: true, message: t('common.required') });

export const newPasswordRules = (t: Translate): FormRule[] => [requiredRule(t), schemaRule(ZNewPassword, t, 'auth.passwordRule')];

export const usernameRules = (t: Translate): FormRule[] => [requiredRule(t), schemaRule(ZUsername, t, 'user.usernameRule')];

export const regionCodeRules = (t: Translate): FormRule[] => [requiredRule(t), schemaRule(ZRegionCode, t, 'user.regionCodeRule')];
