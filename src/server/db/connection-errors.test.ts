import { describe, expect, it } from 'vitest';
import { isConnectionLost } from './connection-errors.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isConnectionLost', () => {
  it.each([
    ['terminated by an administrator', withCode('terminating connection due to administrator command', '57P01')],
    ['server crash', withCode('terminating connection because of crash of another server process', '57P02')],
    ['server starting up', withCode('the database system is starting up', '57P03')],
    ['too many clients', withCode('sorry, too many clients already', '53300')],
    ['connection exception class 08', withCode('connection failure', '08006')],
    ['refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['pg: ended under the query', new Error('Connection terminated unexpectedly')],
    ['pg: used after the error', new Error('Client has encountered a connection error and is not queryable')],
    ['wrapped as a cause', new Error('rollback failed', { cause: new Error('Connection terminated unexpectedly') })],
  ])('%s: yes', (_, error) => expect(isConnectionLost(error)).toBe(true));

  it.each([
    ['unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['serialization failure', withCode('could not serialize access', '40001')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'Connection terminated unexpectedly'],
    ['nothing', undefined],
  ])('%s: no', (_, error) => expect(isConnectionLost(error)).toBe(false));
});
