import { RequestError, TimeoutError } from 'got';
import { describe, expect, it } from 'vitest';
import { toTransportError } from './transport-errors.js';

const URL_ = 'https://api.fabric.microsoft.com/v1/workspaces/w/items/i/jobs/instances';

function gotError(code: string, timings?: Record<string, number>): Error {
  const err = new RequestError(`connect ${code} 10.0.0.1:443`, Object.assign(new Error(code), { code }), {} as never);
  if (timings) Object.defineProperty(err, 'timings', { value: { start: 0, phases: {}, ...timings } });
  return err;
}

describe('toTransportError', () => {
  it('says a request may have reached Fabric after a reset', () => {
    const err = toTransportError(gotError('ECONNRESET', { socket: 1, connect: 2 }), 'POST', URL_);
    expect(err).toMatchObject({ name: 'FabricTransportError', code: 'ECONNRESET', requestMayHaveReachedFabric: true, method: 'POST', url: URL_ });
    expect(err?.message).toContain('ECONNRESET on POST /v1/workspaces/w/items/i/jobs/instances');
  });

  it('says it cannot have when no connection was made', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']) {
      expect(toTransportError(gotError(code), 'POST', URL_)?.requestMayHaveReachedFabric, code).toBe(false);
    }
  });

  it('tells a connect timeout from a response timeout', () => {
    const connectPhase = new TimeoutError(Object.assign(new Error('Timeout awaiting connect'), { code: 'ETIMEDOUT', event: 'connect' }) as never, { start: 0, phases: {} } as never, {} as never);
    expect(toTransportError(connectPhase, 'GET', URL_)).toMatchObject({ code: 'ETIMEDOUT', requestMayHaveReachedFabric: false });
    expect(toTransportError(gotError('ETIMEDOUT', { socket: 1 }), 'GET', URL_)?.requestMayHaveReachedFabric).toBe(false);
    expect(toTransportError(gotError('ETIMEDOUT', { socket: 1, connect: 2, upload: 3 }), 'GET', URL_)?.requestMayHaveReachedFabric).toBe(true);
  });

  it('leaves errors that are not HTTP exchange failures alone', () => {
    expect(toTransportError(new TypeError('bug'), 'GET', URL_)).toBeUndefined();
    expect(toTransportError('string', 'GET', URL_)).toBeUndefined();
  });
});
