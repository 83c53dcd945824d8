/**
 * The head of a household (户主, else its first active resident) and that person's first masked
 * phone, as LATERAL joins for report queries over a CTE whose households are `<alias>.household_id`.
 * Only the masked form is ever read: reports and exports never carry a full number.
 */
import { sql, type RawBuilder } from 'kysely';
import { HEAD_RELATIONSHIP } from '../../../shared/registry/import-columns.ts';

/**
 * @example
 * sql`SELECT head.name, ph.phone_masked FROM hh ${headJoins('hh', countyCode)}`
 */
export function headJoins(alias: string, countyCode: string): RawBuilder<unknown> {
  const household = sql.ref(`${alias}.household_id`);
  return sql`LEFT JOIN LATERAL (
      SELECT r.id, r.name FROM resident r
      WHERE r.household_id = ${household} AND r.county_code = ${countyCode} AND r.active
      ORDER BY (r.relationship = ${HEAD_RELATIONSHIP}) DESC, r.id LIMIT 1) head ON true
    LEFT JOIN LATERAL (
      SELECT p.phone_masked FROM resident_phone p
      WHERE p.resident_id = head.id AND p.county_code = ${countyCode}
      ORDER BY p.id LIMIT 1) ph ON true`;
}
