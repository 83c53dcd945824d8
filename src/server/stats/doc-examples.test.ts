import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from './index.ts';

/**
 * Runs every @example of the public functions in this folder, so the documentation cannot drift
 * from the code. An example is an expression ending in `;`, followed on the same or the next line
 * by `// => <literal>` (the value, numbers rounded as written: 0.2553 means within 0.00005, and
 * objects may list only some of their keys) or by `// throws <ErrorName>[: message]`.
 */

const folder = dirname(fileURLToPath(import.meta.url));

interface Example {
  file: string;
  code: string;
  expectation: string | null;
}

function examplesOf(file: string, source: string): Example[] {
  const examples: Example[] = [];
  for (const block of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = block.split('\n').map((line) => line.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/$/, ''));
    let inExample = false;
    let buffer: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.trim().startsWith('@example')) {
        inExample = true;
        continue;
      }
      if (!inExample) continue;
      if (line.trim().startsWith('@')) {
        inExample = false;
        continue;
      }
      if (line.trim() === '' || (buffer.length === 0 && line.trim().startsWith('//'))) continue;
      const closing = /^(.*;)\s*(?:\/\/\s*((?:=>|throws)[\s\S]*))?$/.exec(line);
      buffer.push(closing ? (closing[1] ?? '') : line);
      if (!closing) continue;
      let expectation = closing[2] ?? null;
      const next = (lines[i + 1] ?? '').trim();
      if (expectation === null && /^\/\/\s*(=>|throws)/.test(next)) {
        expectation = next.replace(/^\/\/\s*/, '');
        i++;
      }
      examples.push({ file, code: buffer.join('\n'), expectation });
      buffer = [];
    }
  }
  return examples;
}

interface Approx {
  approx: number;
  tolerance: number;
}

const isApprox = (value: unknown): value is Approx => typeof value === 'object' && value !== null && 'approx' in value;

function approx(text: string): Approx {
  const value = Number(text);
  const [mantissa = '', exponent = '0'] = text.toLowerCase().split('e');
  const decimals = (mantissa.split('.')[1] ?? '').length - Number(exponent);
  return { approx: value, tolerance: Math.max(0.5 * 10 ** -decimals, 1e-12 * Math.abs(value), 1e-15) };
}

/** Parses the expected literal, turning each number into an Approx that remembers its precision. */
function parseExpected(literal: string): unknown {
  const wrapped = literal.replace(
    /('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?(?<![\w.])\d+(?:\.\d+)?(?:e[+-]?\d+)?)/gi,
    (match, quoted: string | undefined) => (quoted ? match : `__approx(${JSON.stringify(match)})`),
  );
  return new Function('__approx', `return (${wrapped});`)(approx);
}

function assertMatches(actual: unknown, expected: unknown, path: string): void {
  if (isApprox(expected)) {
    expect(typeof actual, `${path} is a number`).toBe('number');
    const value = actual as number;
    if (!Number.isFinite(expected.approx)) expect(value, path).toBe(expected.approx);
    else expect(Math.abs(value - expected.approx), `${path}: ${value} vs ${expected.approx}`).toBeLessThanOrEqual(expected.tolerance);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    const list = actual as unknown[];
    expect(list.length, `${path}.length`).toBe(expected.length);
    expected.forEach((item, i) => assertMatches(list[i], item, `${path}[${i}]`));
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    expect(typeof actual === 'object' && actual !== null, `${path} is an object`).toBe(true);
    for (const [key, value] of Object.entries(expected)) assertMatches((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    return;
  }
  expect(actual, path).toBe(expected);
}

const names = Object.keys(api);
const values = Object.values(api);
const run = (code: string): unknown => new Function(...names, `return (${code.replace(/;\s*$/, '')});`)(...values);

const files = readdirSync(folder).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
const examples = files.flatMap((file) => examplesOf(file, readFileSync(join(folder, file), 'utf8')));

describe('JSDoc @example blocks', () => {
  it('every exported function has a JSDoc comment with an @example, and is exported from index.ts', () => {
    for (const file of files) {
      const source = readFileSync(join(folder, file), 'utf8');
      for (const match of source.matchAll(/export function (\w+)/g)) {
        const name = match[1] ?? '';
        const before = source.slice(0, match.index);
        const doc = before.slice(before.lastIndexOf('/**'));
        expect(/^\/\*\*[\s\S]*\*\/\s*$/.test(doc) && doc.includes('@example'), `${file}: ${name} has a documented example`).toBe(true);
        expect(names, `${name} is exported from index.ts`).toContain(name);
      }
    }
  });

  it.each(examples.map((example) => [`${example.file}: ${example.code.split('\n')[0]}`, example] as const))('%s', (_name, example) => {
    const { code, expectation } = example;
    if (expectation?.startsWith('throws')) {
      const [, errorName = 'Error', message] = /^throws\s+(\w+)(?::\s*(.*))?$/.exec(expectation) ?? [];
      let thrown: unknown;
      try {
        run(code);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, 'the example throws').toBeInstanceOf(Error);
      expect((thrown as Error).name).toBe(errorName);
      if (message) expect((thrown as Error).message).toContain(message.trim());
      return;
    }
    const actual = run(code);
    if (expectation !== null) assertMatches(actual, parseExpected(expectation.replace(/^=>\s*/, '')), 'result');
  });
});
