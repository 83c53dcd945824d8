import { describe, expect, expectTypeOf, it } from 'vitest';
import { contractPath, type ContractInput, type ContractOutput } from './contract.ts';
import { regionsApi } from './regions.ts';
import { healthApi } from './health.ts';
import { usersApi } from './users.ts';

describe('contractPath', () => {
  it('fills every :name from params, encoded', () => {
    expect(contractPath(regionsApi.getRegion, { code: '370921' })).toBe('/api/regions/370921');
    expect(contractPath(regionsApi.listChildren, { code: 'a/b?c' })).toBe('/api/regions/a%2Fb%3Fc/children');
    expect(contractPath(usersApi.resetPassword, { id: 42 })).toBe('/api/users/42/password');
  });

  it('leaves a URL without params alone', () => {
    expect(contractPath(healthApi.health)).toBe('/api/health');
  });

  it('refuses a missing or empty param rather than calling a wrong URL', () => {
    expect(() => contractPath(regionsApi.getRegion, {})).toThrow('missing param code');
    expect(() => contractPath(regionsApi.getRegion, { code: '' })).toThrow('missing param code');
  });
});

describe('contract types', () => {
  it('take input and answer types from the schemas', () => {
    expectTypeOf<ContractInput<typeof regionsApi.getRegion>['params']>().toEqualTypeOf<{ code: string }>();
    expectTypeOf<ContractOutput<typeof regionsApi.getRegion>['ancestors']>().toBeArray();
    expectTypeOf<ContractOutput<typeof healthApi.health>['status']>().toEqualTypeOf<'ok'>();
    // A query of optional filters may be left out; a body never.
    expectTypeOf<{ params: { code: string } }>().toExtend<ContractInput<typeof regionsApi.listChildren>>();
    expectTypeOf<{ params: { code: string } }>().not.toExtend<ContractInput<typeof regionsApi.renameRegion>>();
  });
});
