import { describe, expect, it } from 'vitest';
import { isFabricError, isJobAlreadyCompleted } from './guards.js';
import { parseErrorResponse, type ErrorResponse } from './parse-error-response.js';

const URL_ = 'https://api.fabric.microsoft.com/v1/workspaces/w/items/i/jobs/instances/j/cancel';
const base = (over: Partial<ErrorResponse>): ErrorResponse => ({ statusCode: 400, headers: {}, body: '', method: 'POST', url: URL_, ...over });

describe('parseErrorResponse', () => {
  it("reads Fabric's ErrorResponse body", () => {
    const body = JSON.stringify({
      errorCode: 'JobAlreadyCompleted',
      message: 'The job instance has already completed',
      requestId: 'req-body',
      isRetriable: false,
      moreDetails: [{ errorCode: 'Inner', message: 'detail', relatedResource: { resourceId: 'r', resourceType: 'Job' } }],
      relatedResource: { resourceId: 'j', resourceType: 'JobInstance' },
    });
    const err = parseErrorResponse(base({ body, headers: { requestid: 'req-header', 'retry-after': '5' } }));
    expect(err.name).toBe('FabricError');
    expect(isFabricError(err)).toBe(true);
    expect(isJobAlreadyCompleted(err)).toBe(true);
    expect(err).toMatchObject({
      statusCode: 400,
      errorCode: 'JobAlreadyCompleted',
      requestId: 'req-body',
      isRetriable: false,
      retryAfterMs: 5_000,
      method: 'POST',
      url: URL_,
      relatedResource: { resourceId: 'j', resourceType: 'JobInstance' },
    });
    expect(err.moreDetails).toHaveLength(1);
    expect(err.message).toContain('JobAlreadyCompleted: The job instance has already completed');
    expect(err.message).toContain('HTTP 400 on POST /v1/workspaces/w/items/i/jobs/instances/j/cancel');
  });

  it('falls back to headers for the error code and the request id', () => {
    for (const [name, value] of [['requestid', 'a'], ['x-ms-request-id', 'b'], ['x-ms-root-activity-id', 'c']] as const) {
      const err = parseErrorResponse(base({ statusCode: 429, headers: { [name]: value, 'x-ms-public-api-error-code': 'RequestBlocked' } }));
      expect(err.requestId).toBe(value);
      expect(err.errorCode).toBe('RequestBlocked');
    }
  });

  it('survives bodies that are empty, HTML, truncated JSON or not an object', () => {
    for (const body of ['', '<html><body>Bad Gateway</body></html>', '{"errorCode": "Trunc', '[1,2]', 'null', '"text"']) {
      const err = parseErrorResponse(base({ statusCode: 502, statusMessage: 'Bad Gateway', body }));
      expect(err.statusCode).toBe(502);
      expect(err.errorCode).toBeUndefined();
      expect(err.message).toContain('Fabric answered 502 Bad Gateway');
    }
    expect(parseErrorResponse(base({ statusCode: 502, body: '<html>oops</html>' })).message).toContain('body: <html>oops</html>');
  });

  it('shortens a long non-JSON body', () => {
    const err = parseErrorResponse(base({ statusCode: 500, body: 'x'.repeat(5_000) }));
    expect(err.message.length).toBeLessThan(300);
  });

  it('reads a wrapped { error: { code, message } } body', () => {
    const err = parseErrorResponse(base({ statusCode: 401, body: JSON.stringify({ error: { code: 'InvalidToken', message: 'expired' } }) }));
    expect(err.errorCode).toBe('InvalidToken');
    expect(err.message).toContain('InvalidToken: expired');
  });

  it('reads Retry-After as an HTTP date against the given clock and ignores garbage', () => {
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(parseErrorResponse(base({ statusCode: 429, headers: { 'retry-after': 'Mon, 01 Jan 2024 00:00:09 GMT' } }), now).retryAfterMs).toBe(9_000);
    expect(parseErrorResponse(base({ statusCode: 429, headers: { 'retry-after': 'later' } }), now).retryAfterMs).toBeUndefined();
    expect(parseErrorResponse(base({ statusCode: 429 }), now).retryAfterMs).toBeUndefined();
  });

  it('ignores fields of the wrong type', () => {
    const body = JSON.stringify({ errorCode: 42, message: { x: 1 }, isRetriable: 'yes', moreDetails: 'no', relatedResource: 'r' });
    const err = parseErrorResponse(base({ statusCode: 400, body }));
    expect(err.errorCode).toBeUndefined();
    expect(err.isRetriable).toBeUndefined();
    expect(err.moreDetails).toBeUndefined();
    expect(err.relatedResource).toBeUndefined();
  });
});
