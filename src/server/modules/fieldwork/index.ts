/**
 * The fieldwork module's front door: the interviewer's use cases (next case, dial, outcome,
 * answers), the interview path the workstation walks, and the calling hours. The demo drives a
 * simulated fieldwork through these; tests of other modules take actors from `testing/`.
 */
export { isCallingTime, nextCallingWindow } from './calling-hours.ts';
export { dialCase } from './dial-case.ts';
export { checkAnswers, walkInterview } from './interview-path.ts';
export { listDispositions } from './list-dispositions.ts';
export { nextCase } from './next-case.ts';
export { recordDisposition } from './record-disposition.ts';
export { saveInterview } from './save-interview.ts';
export { fieldworkWorkbench } from './workbench.ts';
