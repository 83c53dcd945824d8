import { sql } from 'kysely';
import { localDate } from '../../../shared/time.ts';

/**
 * A hardship label is in force on a day from valid_from until valid_to (exclusive; null = open).
 * One definition for every query that asks "is this a hardship household today".
 *
 * @example
 * db.selectFrom('household_hardship as hh').where(hardshipInForce('hh')).selectAll();
 */
export const hardshipInForce = (alias?: string, day = localDate()) => {
  const column = alias ? sql.ref(`${alias}.valid_to`) : sql.ref('valid_to');
  return sql<boolean>`(${column} IS NULL OR ${column} > ${day}::date)`;
};
