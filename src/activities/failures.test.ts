import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { FabricError, FabricProtocolError, FabricTransportError, FabricValidationError } from '../fabric/index.js';
import { mayHaveReachedFabric, toActivityFailure } from './failures.js';

function fabricError(statusCode: number, errorCode?: string, retryAfterMs?: number): FabricError {
  return new FabricError({
    statusCode,
    errorCode,
    message: 'Fabric said no',
    requestId: 'req-1',
    isRetriable: undefined,
    moreDetails: undefined,
    relatedResource: undefined,
    retryAfterMs,
    method: 'POST',
    url: 'https://api.fabric.microsoft.com/v1/workspaces/w/items/i/jobs/instances?jobType=RunNotebook',
  });
}

const transport = (requestMayHaveReachedFabric: boolean) =>
  new FabricTransportError({ message: 'socket hang up', code: 'ECONNRESET', requestMayHaveReachedFabric, method: 'POST', url: 'https://x' });

function mapped(err: unknown): ApplicationFailure {
  const failure = toActivityFailure(err, 'start RunNotebook');
  expect(failure).toBeInstanceOf(ApplicationFailure);
  return failure as ApplicationFailure;
}

describe('toActivityFailure', () => {
  it('makes a 429 retryable after its Retry-After', () => {
    const failure = mapped(fabricError(429, 'TooManyRequestsForJobs', 7_000));
    expect(failure).toMatchObject({ type: 'FabricThrottled', nonRetryable: false, nextRetryDelay: 7_000 });
    expect(failure.details).toEqual([{ statusCode: 429, errorCode: 'TooManyRequestsForJobs', requestId: 'req-1', retryAfterMs: 7_000 }]);
  });

  it('leaves a 429 without Retry-After to the retry policy', () => {
    expect(mapped(fabricError(429)).nextRetryDelay).toBeUndefined();
  });

  it('retries 5xx, transport and protocol errors', () => {
    expect(mapped(fabricError(503, 'ServiceUnavailable'))).toMatchObject({ type: 'FabricTransientError', nonRetryable: false });
    expect(mapped(transport(true))).toMatchObject({ type: 'FabricTransientError', nonRetryable: false, details: [{ code: 'ECONNRESET' }] });
    expect(mapped(new FabricProtocolError({ message: 'bad JSON', statusCode: 200, method: 'GET', url: 'https://x' }))).toMatchObject({
      type: 'FabricTransientError',
      nonRetryable: false,
    });
  });

  it('does not retry 401, other 4xx and validation errors', () => {
    expect(mapped(fabricError(401, 'TokenExpired'))).toMatchObject({ type: 'FabricUnauthorized', nonRetryable: true });
    expect(mapped(fabricError(403, 'InsufficientPrivileges'))).toMatchObject({ type: 'InsufficientPrivileges', nonRetryable: true });
    expect(mapped(fabricError(404))).toMatchObject({ type: 'HTTP404', nonRetryable: true });
    expect(mapped(new FabricValidationError('itemId', 'itemId must be a UUID'))).toMatchObject({ type: 'FabricInvalidInput', nonRetryable: true });
  });

  it('names the action and never carries the URL or a token in the details', () => {
    const failure = mapped(fabricError(400, 'InvalidJobType'));
    expect(failure.message).toBe('start RunNotebook: Fabric answered 400 InvalidJobType: Fabric said no');
    expect(JSON.stringify(failure.details)).not.toMatch(/https?:|Bearer/);
  });

  it('returns other errors unchanged', () => {
    const err = new RangeError('boom');
    expect(toActivityFailure(err, 'x')).toBe(err);
  });
});

describe('mayHaveReachedFabric', () => {
  it('is false only for answers proving nothing was done', () => {
    expect(mayHaveReachedFabric(transport(true))).toBe(true);
    expect(mayHaveReachedFabric(transport(false))).toBe(false);
    expect(mayHaveReachedFabric(fabricError(500))).toBe(true);
    expect(mayHaveReachedFabric(fabricError(408))).toBe(true);
    expect(mayHaveReachedFabric(fabricError(429))).toBe(false);
    expect(mayHaveReachedFabric(fabricError(400, 'InvalidJobType'))).toBe(false);
    expect(mayHaveReachedFabric(new FabricProtocolError({ message: 'no Location', statusCode: 202, method: 'POST', url: 'https://x' }))).toBe(true);
    expect(mayHaveReachedFabric(new FabricValidationError('jobType', 'empty'))).toBe(false);
    expect(mayHaveReachedFabric(new Error('unexpected'))).toBe(true);
  });
});
