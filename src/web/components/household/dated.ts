import { localDate } from '../../../shared/time.ts';

/** A dated record (hardship label, pairing) is in force until its end date, exclusive. */
export const inForce = (end: string | null, today = localDate()) => end === null || end > today;
