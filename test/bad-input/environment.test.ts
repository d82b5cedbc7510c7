/**
 * Bad-input corpus, environment configuration: the CLI and the worker list every problem (variable,
 * value, what is allowed; secrets hidden) and exit 3 without contacting Temporal or Fabric.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB, WS, startCorpus } from './harness.js';
import type { BadInput, Corpus } from './harness.js';

const FABRIC_LIST = ['fabric-schedule', 'list', '--workspace', WS, '--item', '{item}', '--job-type', 'RunNotebook'];

const cases: BadInput[] = [
  {
    name: 'Temporal address with a scheme',
    args: ['run', ...JOB],
    env: { TEMPORAL_ADDRESS: 'http://localhost:7233' },
    exit: 3,
    mentions: ['TEMPORAL_ADDRESS="http://localhost:7233"', 'must be host:port without a scheme'],
  },
  { name: 'malformed FABRIC_POOLS', args: ['run', ...JOB], env: { FABRIC_POOLS: 'spark=3,warehouse' }, exit: 3, mentions: ['FABRIC_POOLS="spark=3,warehouse"', '"warehouse" is not name=slots'] },
  { name: 'pool with no slots', args: ['pools', 'list'], env: { FABRIC_POOLS: 'spark=0' }, exit: 3, mentions: ['FABRIC_POOLS="spark=0"', 'slots must be a whole number from 1 to 10000'] },
  { name: 'unknown pool', args: ['run', ...JOB, '--pool', 'nope'], env: { FABRIC_POOLS: 'spark-f8=3' }, exit: 2, mentions: ['--pool: unknown pool "nope": configured pools: spark-f8 (3 slots)'] },
  { name: 'a pool but none configured', args: ['start', ...JOB, '--pool', 'spark-f8'], exit: 2, mentions: ['--pool: unknown pool "spark-f8": no pools are configured'] },
  { name: 'task queue with a space', args: ['start', ...JOB], env: { FABRIC_TASK_QUEUE: 'a b' }, exit: 3, mentions: ['FABRIC_TASK_QUEUE="a b"', 'without spaces'] },
  { name: 'search attributes flag not a boolean', args: ['start', ...JOB], env: { FABRIC_SEARCH_ATTRIBUTES: 'maybe' }, exit: 3, mentions: ['FABRIC_SEARCH_ATTRIBUTES="maybe"', 'true or false'] },
  { name: 'unknown Temporal profile', args: ['list'], env: { TEMPORAL_PROFILE: 'nope' }, exit: 3, mentions: ['TEMPORAL_PROFILE="nope"', "Profile 'nope' not found"] },
  {
    name: 'TLS client certificate that does not exist',
    args: ['list'],
    env: { TEMPORAL_TLS_CLIENT_CERT_PATH: '/nonexistent/client.pem', TEMPORAL_TLS_CLIENT_KEY_PATH: '/nonexistent/client.key' },
    exit: 3,
    mentions: ['TEMPORAL_TLS_*', '/nonexistent/client.pem'],
  },
  {
    name: 'client-secret auth without its variables',
    args: FABRIC_LIST,
    env: { FABRIC_AUTH: 'client-secret', FABRIC_TOKEN: undefined, AZURE_TENANT_ID: 't' },
    exit: 3,
    mentions: ['AZURE_CLIENT_ID: is required when FABRIC_AUTH=client-secret', 'AZURE_CLIENT_SECRET: is required'],
  },
  { name: 'Fabric URL that is not http(s)', args: FABRIC_LIST, env: { FABRIC_API_URL: 'ftp://x' }, exit: 3, mentions: ['FABRIC_API_URL="ftp://x"', 'absolute http:// or https:// URL'] },
  { name: 'request timeout not a number', args: FABRIC_LIST, env: { FABRIC_REQUEST_TIMEOUT_MS: 'abc' }, exit: 3, mentions: ['FABRIC_REQUEST_TIMEOUT_MS="abc"', 'whole number greater than 0'] },
  { name: 'unknown auth kind', args: FABRIC_LIST, env: { FABRIC_AUTH: 'tokn' }, exit: 3, mentions: ['FABRIC_AUTH="tokn"', 'default, azure-cli, client-secret'] },
  {
    name: 'token given without token auth (the token stays hidden)',
    args: FABRIC_LIST,
    env: { FABRIC_AUTH: undefined, FABRIC_TOKEN: 'super-secret-token' },
    exit: 3,
    mentions: ['FABRIC_TOKEN=(hidden)', 'set FABRIC_AUTH=token or unset FABRIC_TOKEN'],
  },
  {
    name: 'worker: every problem listed at once',
    program: 'worker',
    args: [],
    env: { TEMPORAL_ADDRESS: 'http://x:1', FABRIC_TOKEN: undefined, FABRIC_WORKER_MAX_CACHED_WORKFLOWS: 'lots' },
    exit: 3,
    mentions: ['invalid configuration (3 problems)', 'FABRIC_TOKEN: is required when FABRIC_AUTH=token', 'FABRIC_WORKER_MAX_CACHED_WORKFLOWS="lots"', 'TEMPORAL_ADDRESS="http://x:1"'],
  },
  {
    name: 'worker: certificate file that does not exist',
    program: 'worker',
    args: [],
    env: { FABRIC_AUTH: 'client-certificate', FABRIC_TOKEN: undefined, AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_CERTIFICATE_PATH: '/nonexistent/cert.pem' },
    exit: 3,
    mentions: ['AZURE_CLIENT_CERTIFICATE_PATH="/nonexistent/cert.pem"', 'no such file'],
  },
  { name: 'worker: shutdown grace not a number', program: 'worker', args: [], env: { FABRIC_WORKER_SHUTDOWN_GRACE_MS: '-5' }, exit: 3, mentions: ['FABRIC_WORKER_SHUTDOWN_GRACE_MS="-5"', 'whole number greater than 0'] },
];

let corpus: Corpus;
beforeAll(async () => {
  corpus = await startCorpus();
});
afterAll(async () => {
  await corpus?.close();
});

describe.concurrent('bad environment configuration', () => {
  it.each(cases)('$name', async (c) => {
    const outcome = await corpus.run(c);
    await corpus.check(c, outcome);
    expect(outcome.stderr).not.toContain('super-secret-token');
  });
});
