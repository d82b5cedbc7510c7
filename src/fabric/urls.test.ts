import { describe, expect, it } from 'vitest';
import { FabricUrls, isJobInstanceUrl, jobInstanceIdFromLocation, resolveLocation } from './urls.js';

const WS = '4b218778-e7a5-4d73-8187-f10824047715';
const ITEM = '431e8d7b-4a95-4c02-8ccd-6faef5ba1bd7';
const JOB = 'f2d65699-dd22-4889-980c-15226deb0e1b';

describe('FabricUrls', () => {
  const urls = new FabricUrls('https://api.fabric.microsoft.com/v1/');

  it('builds both run routes, encoding the job type', () => {
    expect(urls.run(WS, ITEM, 'Run Notebook', 'query')).toBe(`https://api.fabric.microsoft.com/v1/workspaces/${WS}/items/${ITEM}/jobs/instances?jobType=Run%20Notebook`);
    expect(urls.run(WS, ITEM, 'RunNotebook', 'path')).toBe(`https://api.fabric.microsoft.com/v1/workspaces/${WS}/items/${ITEM}/jobs/RunNotebook/instances`);
  });

  it('builds instance and schedule URLs', () => {
    expect(urls.instance(WS, ITEM, JOB)).toBe(`https://api.fabric.microsoft.com/v1/workspaces/${WS}/items/${ITEM}/jobs/instances/${JOB}`);
    expect(urls.schedule(WS, ITEM, 'Pipeline', JOB)).toBe(`https://api.fabric.microsoft.com/v1/workspaces/${WS}/items/${ITEM}/jobs/Pipeline/schedules/${JOB}`);
  });

  it('knows its own origin', () => {
    expect(urls.isSameOrigin('https://api.fabric.microsoft.com/v1/x')).toBe(true);
    expect(urls.isSameOrigin('https://evil.example/v1/x')).toBe(false);
    expect(urls.isSameOrigin('not a url')).toBe(false);
  });

  it('rejects a base URL that is not http(s)', () => {
    expect(() => new FabricUrls('ftp://example.com')).toThrow('baseUrl must be http(s)');
  });
});

describe('Location handling', () => {
  it('takes the job instance id only from a job instance URL', () => {
    expect(jobInstanceIdFromLocation(`https://h/v1/workspaces/${WS}/items/${ITEM}/jobs/instances/${JOB}`)).toBe(JOB);
    expect(jobInstanceIdFromLocation(`https://h/v1/workspaces/${WS}/items/${ITEM}/jobs/instances/${JOB}/`)).toBe(JOB);
    expect(jobInstanceIdFromLocation(`https://h/v1/workspaces/${WS}/items/${ITEM}/jobs/instances?jobType=Execute`)).toBeUndefined();
    expect(jobInstanceIdFromLocation(`https://h/v1/workspaces/${WS}/items/${ITEM}/jobs/RunNotebook/instances/${JOB}`)).toBe(JOB);
    // A UUID at the end is not enough: this is the item, not a job instance.
    expect(jobInstanceIdFromLocation(`https://h/v1/workspaces/${WS}/items/${ITEM}`)).toBeUndefined();
    expect(jobInstanceIdFromLocation(`https://h/v1/operations/${JOB}`)).toBeUndefined();
    expect(jobInstanceIdFromLocation('garbage')).toBeUndefined();
  });

  it('recognises job instance URLs of both routes', () => {
    expect(isJobInstanceUrl(`https://h/v1/workspaces/${WS}/items/${ITEM}/jobs/instances/${JOB}`)).toBe(true);
    expect(isJobInstanceUrl(`https://h/v1/workspaces/${WS}/items/${ITEM}/jobs/RunNotebook/instances/${JOB}`)).toBe(true);
    expect(isJobInstanceUrl(`https://h/v1/workspaces/${WS}/items/${ITEM}/jobs/instances?jobType=Execute`)).toBe(false);
    expect(isJobInstanceUrl(`/v1/workspaces/${WS}/items/${ITEM}/jobs/instances/${JOB}`)).toBe(false);
  });

  it('resolves a relative Location against the request URL', () => {
    expect(resolveLocation(`/v1/x/${JOB}`, 'https://h:8443/v1/y')).toBe(`https://h:8443/v1/x/${JOB}`);
    expect(resolveLocation(undefined, 'https://h/')).toBeUndefined();
  });
});
