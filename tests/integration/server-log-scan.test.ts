import { describe, expect, it } from 'vitest';
import { forbiddenInLog } from '../support/server-log';

describe('the whole-run server log check', () => {
  it('finds ids, tokens and secrets, and reports only kinds and counts', () => {
    const log = [
      '{"level":30,"msg":"request completed","url":"/sync/clients/pull"}',
      '{"level":40,"msg":"GET /erasures/3f2b1c4d-0000-4000-8000-00000000abcd/confirm"}',
      '{"level":40,"url":"/sync/stream?access_token=abc"}',
      '{"level":50,"msg":"setup code AB12-CD34"}',
    ].join('\n');
    expect(forbiddenInLog(log, ['AB12-CD34'])).toEqual([
      { kind: 'id', count: 1 },
      { kind: 'token', count: 1 },
      { kind: 'secret', count: 1 },
    ]);
    expect(forbiddenInLog('{"level":30,"msg":"request completed","statusCode":200}', ['AB12-CD34'])).toEqual(
      [],
    );
  });
});
