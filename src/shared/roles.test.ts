import { describe, expect, it } from 'vitest';
import { grantableRoles, ROLES, ROLE_LABELS } from './roles.ts';

describe('roles', () => {
  it('county admins grant every role; township admins only the village cadre (never a peer admin); others none', () => {
    expect(grantableRoles(['county_admin'])).toEqual([...ROLES]);
    expect(grantableRoles(['township_admin'])).toEqual(['village_cadre']);
    expect(grantableRoles(['county_leader'])).toEqual([]);
    expect(grantableRoles(['interviewer', 'village_cadre'])).toEqual([]);
  });
  it('every role has a label in both languages', () => {
    for (const role of ROLES) {
      expect(ROLE_LABELS[role]['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(ROLE_LABELS[role].en).toMatch(/^[A-Z]/);
    }
  });
});
