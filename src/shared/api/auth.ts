/** Sign-in, the session and one's own account settings (see `contract.ts`). */
import { ZChangePasswordRequest, ZLoginRequest, ZMe, ZSetLocaleRequest } from '../schemas/auth.ts';
import { ZOk } from '../schemas/common.ts';
import { defineContract } from './contract.ts';

export const authApi = {
  login: defineContract({ method: 'POST', url: '/api/auth/login', body: ZLoginRequest, response: ZMe }),
  logout: defineContract({ method: 'POST', url: '/api/auth/logout', response: ZOk }),
  getMe: defineContract({ method: 'GET', url: '/api/auth/me', response: ZMe }),
  changePassword: defineContract({ method: 'POST', url: '/api/auth/password', body: ZChangePasswordRequest, response: ZOk }),
  setLocale: defineContract({ method: 'PUT', url: '/api/auth/locale', body: ZSetLocaleRequest, response: ZOk }),
};
