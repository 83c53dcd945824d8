/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import * as visits from './index.ts';

// The sources as text, through Vite's glob import (no Node API in src/shared, tests included).
const SOURCES = import.meta.glob<string>(['./*.ts', '!./*.test.ts'], { query: '?raw', import: 'default', eager: true });

describe('the visits foundation', () => {
  it('imports nothing but zod and other shared code: no Node, DOM or server module', () => {
    expect(Object.keys(SOURCES).sort()).toEqual(['./aid-ledger.ts', './campaign-schemas.ts', './idempotent-record.ts', './index.ts', './sync-schemas.ts', './visit-coverage.ts', './visit-schemas.ts']);
    for (const [file, text] of Object.entries(SOURCES)) {
      const imports = [...text.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)].map((m) => m[1]!);
      for (const spec of imports) expect(spec === 'zod' || /^\.\.?\/(?!.*server)/.test(spec), `${file} imports ${spec}`).toBe(true);
      for (const api of ['window.', 'document.', 'localStorage', 'indexedDB', 'process.', 'Buffer', 'require(', 'fetch(', 'new Date()', 'Date.now(', 'Math.random(']) {
        expect(text.includes(api), `${file} uses ${api}`).toBe(false);
      }
    }
  });

  it('exports what the server and the web use', () => {
    for (const name of ['ZCampaignDefinition', 'ZVisitRecord', 'computeCoverage', 'visitTiming', 'findAidConflicts', 'checkAidLine', 'townshipAidTotals', 'remainingDeliveries', 'compareRecords', 'canonicalJson', 'aidItemsByCode']) {
      expect(visits, name).toHaveProperty(name);
    }
  });
});
