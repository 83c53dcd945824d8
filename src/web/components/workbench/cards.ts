import type { TWorkbenchCard } from '../../../shared/schemas/workbench.ts';

/** The card of one kind. */
export type CardOf<K extends TWorkbenchCard['kind']> = Extract<TWorkbenchCard, { kind: K }>;

export type TSatisfactionPoint = CardOf<'satisfaction'>['trend'][number];
