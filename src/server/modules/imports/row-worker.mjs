// A row worker's entry (see row-workers.ts). A worker thread does not inherit the TypeScript
// loader the server or Vitest runs under, so it registers tsx's own before loading the worker;
// this file is plain JavaScript so that Node can start it without one.
import { register } from 'tsx/esm/api';

register();
await import('./row-worker.ts');
