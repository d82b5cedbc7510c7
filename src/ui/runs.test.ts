import { describe, expect, it } from 'vitest';
import { parseFilters } from './runs.js';

const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe('runs filters', () => {
  it('reads kind, status (any case), names, date and page token', () => {
    expect(parse('kind=pipeline&status=failed&pipeline=nightly&item=abc&logicalDate=2024-05-01&page=AbC_-1')).toEqual({
      kind: 'pipeline',
      status: 'Failed',
      pipeline: 'nightly',
      item: 'abc',
      logicalDate: '2024-05-01',
      page: 'AbC_-1',
    });
    expect(parse('kind=&status=')).toEqual({});
  });

  it('names the malformed filter', () => {
    expect(() => parse('kind=dag')).toThrow('unknown kind "dag": use one of pipeline, job, refresh, operation');
    expect(() => parse('status=Exploded')).toThrow('unknown status "Exploded"');
    expect(() => parse('logicalDate=May')).toThrow('the logical date "May" is not a date: use yyyy-mm-dd');
    expect(() => parse('page=a%20b')).toThrow('the page token is not valid');
    expect(() => parse(`pipeline=${'x'.repeat(201)}`)).toThrow('the pipeline filter');
  });
});
