/**
 * Bad-input corpus, schedules: Temporal Schedules (`schedule ...`) and Fabric item schedules
 * (`fabric-schedule ...`). Each bad option: one clear message, exit 2, nothing sent to Temporal or Fabric.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { JOB, WS, startCorpus } from './harness.js';
import type { BadInput, Corpus } from './harness.js';

const SCOPE = ['--workspace', WS, '--item', '{item}', '--job-type', 'RunNotebook'];
const WINDOW = ['--start', '2024-05-01T00:00', '--end', '2025-05-01T00:00'];

const cases: BadInput[] = [
  { name: 'cron expression with 3 fields', args: ['schedule', 'create', 's1', ...JOB, '--cron', 'not a cron'], exit: 2, mentions: ['--cron "not a cron"', 'expected 5 fields', '@daily'] },
  { name: 'both --cron and --every', args: ['schedule', 'create', 's1', ...JOB, '--cron', '@daily', '--every', '1d'], exit: 2, mentions: ['either --cron or --every, not both'] },
  { name: 'unknown IANA time zone', args: ['schedule', 'create', 's1', ...JOB, '--cron', '@daily', '--timezone', 'Mars/Olympus'], exit: 2, mentions: ['--timezone "Mars/Olympus"', 'IANA name such as UTC'] },
  {
    name: 'unknown overlap policy',
    args: ['schedule', 'create', 's1', ...JOB, '--cron', '@daily', '--overlap', 'sometimes'],
    exit: 2,
    mentions: ['--overlap "sometimes"', 'skip, buffer-one, buffer-all, cancel-other, terminate-other, allow-all'],
  },
  { name: 'neither a pipeline nor a job', args: ['schedule', 'create', 's1', '--cron', '@daily'], exit: 2, mentions: ['--pipeline <file>', '--workspace, --item and --job-type'] },
  { name: 'scheduled job with a timeout of 0', args: ['schedule', 'create', 's1', ...JOB, '--cron', '@daily', '--timeout', '0s'], exit: 2, mentions: ['--timeout "0s": must be longer than 0'] },
  { name: 'scheduled job with an unknown route', args: ['schedule', 'create', 's1', ...JOB, '--cron', '@daily', '--route', 'body'], exit: 2, mentions: ['--route "body": must be one of query, path'] },
  {
    name: 'scheduled job with a poll minimum above the default maximum',
    args: ['schedule', 'create', 's1', ...JOB, '--cron', '@daily', '--poll-min', '10m'],
    exit: 2,
    mentions: ['--poll-min 10m: min 10m is longer than max 5m (the default)'],
  },
  {
    name: 'scheduled job with parameters that use a param',
    args: ['schedule', 'create', 's1', ...JOB, '--cron', '@daily', '--parameters', '[{"name":"d","type":"Text","value":"{{ params.day }}"}]'],
    exit: 2,
    mentions: ['--parameters: {{ params.day }} is not available in a single-job schedule; only {{ logicalDate }} is'],
  },
  { name: 'catchup window without a unit', args: ['schedule', 'create', 's1', ...JOB, '--cron', '@daily', '--catchup-window', '5'], exit: 2, mentions: ['--catchup-window "5"', 'write 5s or 5ms'] },
  { name: 'zero interval', args: ['schedule', 'create', 's1', ...JOB, '--every', '0s'], exit: 2, mentions: ['--every "0s"', 'must be longer than 0'] },
  { name: 'unknown logical date format', args: ['schedule', 'create', 's1', ...JOB, '--cron', '@daily', '--logical-date-format', 'week'], exit: 2, mentions: ['--logical-date-format "week"', 'one of date, datetime'] },
  { name: 'schedule id with spaces', args: ['schedule', 'create', 'bad id', ...JOB, '--cron', '@daily'], exit: 2, mentions: ['schedule id "bad id"', 'letters, digits'] },
  { name: 'scheduled pipeline file missing', args: ['schedule', 'create', 's1', '--pipeline', '{dir}/none.yaml', '--cron', '@daily'], exit: 2, mentions: ['none.yaml', 'no such file'] },
  { name: 'backfill bound that is not a time', args: ['schedule', 'backfill', 's1', '--from', 'yesterday', '--to', '2024-06-01'], exit: 2, mentions: ['--from "yesterday"', 'a date (2024-05-01)'] },
  { name: 'trigger with an unknown overlap policy', args: ['schedule', 'trigger', 's1', '--overlap', 'never'], exit: 2, mentions: ['--overlap "never"', 'allow-all'] },
  { name: 'Fabric schedule interval 0', args: ['fabric-schedule', 'create', ...SCOPE, '--interval', '0', ...WINDOW], exit: 2, mentions: ['--interval "0"', 'from 1 to 5270400'] },
  { name: 'Fabric schedule time 25:00', args: ['fabric-schedule', 'create', ...SCOPE, '--times', '25:00', ...WINDOW], exit: 2, mentions: ['"25:00" not a time', 'hh:mm (00:00 to 23:59)'] },
  { name: 'Fabric schedule weekday Funday', args: ['fabric-schedule', 'create', ...SCOPE, '--times', '02:00', '--weekdays', 'Funday', ...WINDOW], exit: 2, mentions: ['--weekdays "Funday"', 'Monday, Tuesday'] },
  {
    name: 'Fabric schedule ending before it starts',
    args: ['fabric-schedule', 'create', ...SCOPE, '--interval', '60', '--start', '2025-05-01T00:00', '--end', '2024-05-01T00:00'],
    exit: 2,
    mentions: ['--end 2024-05-01T00:00:00 must be after --start 2025-05-01T00:00:00'],
  },
  { name: 'Fabric schedule day of month 32', args: ['fabric-schedule', 'create', ...SCOPE, '--times', '02:00', '--day-of-month', '32', ...WINDOW], exit: 2, mentions: ['--day-of-month "32"', 'from 1 to 31'] },
  {
    name: 'Fabric schedule time zone given as an IANA name',
    args: ['fabric-schedule', 'create', ...SCOPE, '--interval', '60', ...WINDOW, '--time-zone', 'Europe/Paris'],
    exit: 2,
    mentions: ['--time-zone "Europe/Paris"', 'Windows time-zone id'],
  },
  { name: 'Fabric schedule both enabled and disabled', args: ['fabric-schedule', 'create', ...SCOPE, '--interval', '60', ...WINDOW, '--enabled', '--disabled'], exit: 2, mentions: ['either --enabled or --disabled'] },
  {
    name: 'Fabric schedule mixing a Cron interval with daily times',
    args: ['fabric-schedule', 'create', ...SCOPE, '--interval', '60', '--times', '02:00', ...WINDOW],
    exit: 2,
    mentions: ['--times does not apply to a Cron schedule (--interval 60'],
  },
  { name: 'Fabric schedule id that is not a UUID', args: ['fabric-schedule', 'get', 'not-a-uuid', ...SCOPE], exit: 2, mentions: ['<scheduleId> "not-a-uuid"', 'not a UUID'] },
];

let corpus: Corpus;
beforeAll(async () => {
  corpus = await startCorpus();
});
afterAll(async () => {
  await corpus?.close();
});

describe.concurrent('bad schedule options', () => {
  it.each(cases)('$name', async (c) => {
    await corpus.check(c, await corpus.run(c));
  });
});
