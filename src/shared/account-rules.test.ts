import { describe, expect, it } from 'vitest';
import { accountReach, managesOwnRegion, mayBindAccountsAt, ROOT_LEVELS } from './account-rules.ts';
import { ROLES, type TRole } from './roles.ts';

const LEVELS = ['province', 'city', 'county', 'township', 'village', 'grid'];

describe('account rules', () => {
  it('only a county admin bound to county level or above manages the accounts of its own region', () => {
    for (const role of ROLES) {
      for (const regionLevel of LEVELS) {
        const expected = role === 'county_admin' && ['province', 'city', 'county'].includes(regionLevel);
        expect(managesOwnRegion({ roles: [role], regionLevel }), `${role} at ${regionLevel}`).toBe(expected);
        expect(mayBindAccountsAt({ roles: [role], regionLevel }, true)).toBe(expected);
        expect(mayBindAccountsAt({ roles: [role], regionLevel }, false)).toBe(true);
      }
    }
    expect(ROOT_LEVELS).toEqual(['province', 'city', 'county']);
    expect(managesOwnRegion({ roles: ['township_admin', 'county_admin'], regionLevel: 'county' })).toBe(true);
  });

  it('never reaches oneself, whatever one holds', () => {
    for (const roles of [['county_admin'], ['township_admin'], ['county_admin', 'township_admin']] as TRole[][]) {
      for (const atManagersRegion of [true, false]) {
        expect(accountReach({ id: '7', roles, regionLevel: 'county' }, { id: '7', roles, atManagersRegion })).toBe('self');
      }
    }
  });

  it('a township admin reaches the village cadres below it, never a peer at its township', () => {
    const gangcheng = { id: '3', roles: ['township_admin'], regionLevel: 'township' } as const;
    expect(accountReach(gangcheng, { id: '9', roles: ['village_cadre'], atManagersRegion: false })).toBe('manage');
    expect(accountReach(gangcheng, { id: '4', roles: ['township_admin'], atManagersRegion: true })).toBe('peer');
    expect(accountReach(gangcheng, { id: '5', roles: ['village_cadre'], atManagersRegion: true })).toBe('peer');
    expect(accountReach(gangcheng, { id: '6', roles: ['township_admin'], atManagersRegion: false })).toBe('role');
    expect(accountReach(gangcheng, { id: '8', roles: ['village_cadre', 'interviewer'], atManagersRegion: false })).toBe('role');
  });

  it('a county admin at the county reaches every other account of the county, its peers included', () => {
    const admin = { id: '1', roles: ['county_admin'], regionLevel: 'county' } as const;
    for (const role of ROLES) {
      for (const atManagersRegion of [true, false]) expect(accountReach(admin, { id: '2', roles: [role], atManagersRegion })).toBe('manage');
    }
    // A county admin bound lower down (possible, if odd) is held to the township rule.
    const low = { id: '1', roles: ['county_admin'], regionLevel: 'township' } as const;
    expect(accountReach(low, { id: '2', roles: ['interviewer'], atManagersRegion: true })).toBe('peer');
    expect(accountReach(low, { id: '2', roles: ['interviewer'], atManagersRegion: false })).toBe('manage');
  });

  it('nobody without an admin role reaches anyone else', () => {
    for (const role of ROLES.filter((r) => r !== 'county_admin' && r !== 'township_admin')) {
      expect(accountReach({ id: '1', roles: [role], regionLevel: 'county' }, { id: '2', roles: ['village_cadre'], atManagersRegion: false })).toBe('role');
    }
  });
});
