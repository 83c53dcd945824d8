/**
 * The survey module's front door: questionnaires (the county's standard one, a version's
 * definition) and a wave's life (create, frame, draw, open, release, close) with its locks.
 */
export { buildRegistryFrame } from './build-registry-frame.ts';
export { closeWave } from './close-wave.ts';
export { createWave } from './create-wave.ts';
export type { CreateWaveInput } from './create-wave.ts';
export { drawSample } from './draw-sample.ts';
export { ensureStandardQuestionnaire } from './ensure-standard-questionnaire.ts';
export { loadDefinition } from './load-definition.ts';
export { openWave } from './open-wave.ts';
export { releaseNextReplicate } from './release-replicate.ts';
export { STANDARD_QUESTIONNAIRE } from './standard-questionnaire.ts';
export { assertWaveOpen } from './wave-locks.ts';
