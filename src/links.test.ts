import { describe, expect, it } from 'vitest';
import { fabricLinkKind, fabricRunUrl, temporalUiRoot, temporalWorkflowUrl } from './links.js';

const ws = '1ede770b-e7b7-4b30-8acf-1c985425f4a7';
const item = '28ecef4f-a073-485e-be94-fd75c68bfd49';
const job = 'f2d65699-dd22-4889-980c-15226deb0e1b';
const livy = '60cfa752-457a-435e-bde2-b25f928ea647';

describe('fabricRunUrl', () => {
  it('links a pipeline run to its run page', () => {
    expect(fabricRunUrl({ workspaceId: ws, itemId: item, jobType: 'Pipeline', jobInstanceId: job })).toBe(
      `https://app.fabric.microsoft.com/workloads/data-pipeline/monitoring/workspaces/${ws}/pipelines/${item}/${job}?experience=fabric-developer`,
    );
  });

  it('links a notebook run to its snapshot, or to the Spark monitor once the Livy id is known', () => {
    expect(fabricRunUrl({ workspaceId: ws, itemId: item, jobType: 'RunNotebook', jobInstanceId: job })).toBe(
      `https://app.fabric.microsoft.com/groups/${ws}/synapsenotebooks/${item}/snapshots/${job}?experience=fabric-developer`,
    );
    expect(fabricRunUrl({ workspaceId: ws, itemId: item, jobType: 'RunNotebook', jobInstanceId: job, livyId: livy }, 'https://portal.example/')).toBe(
      `https://portal.example/workloads/de-ds/sparkmonitor/${item}/${livy}?experience=fabric-developer`,
    );
  });

  it('links a Spark job definition to the Spark monitor with a Livy id, everything else to the monitoring hub', () => {
    expect(fabricLinkKind({ workspaceId: ws, itemId: item, jobType: 'sparkjob', jobInstanceId: job, livyId: livy })).toBe('spark-monitor');
    expect(fabricLinkKind({ workspaceId: ws, itemId: item, jobType: 'sparkjob', jobInstanceId: job })).toBe('monitoring-hub');
    expect(fabricLinkKind({ workspaceId: ws, itemId: item, jobType: 'Pipeline' })).toBe('monitoring-hub');
    expect(fabricRunUrl({ workspaceId: ws, itemId: item, jobType: 'TableMaintenance', jobInstanceId: job })).toBe(
      'https://app.fabric.microsoft.com/monitoringhub?experience=fabric-developer',
    );
  });
});

describe('temporal UI links', () => {
  it('prefers TEMPORAL_UI_URL, derives Temporal Cloud and a local dev server, and knows nothing else', () => {
    expect(temporalUiRoot({ configuredUrl: 'https://temporal.example.com/', address: 'x:7233' })).toBe('https://temporal.example.com');
    expect(temporalUiRoot({ address: 'prod.a1b2c.tmprl.cloud:7233' })).toBe('https://cloud.temporal.io');
    expect(temporalUiRoot({ address: 'localhost:7233' })).toBe('http://localhost:8233');
    expect(temporalUiRoot({ address: '127.0.0.1:55123' })).toBe('http://127.0.0.1:56123');
    expect(temporalUiRoot({ address: 'temporal.internal:7233' })).toBeUndefined();
  });

  it('builds the history page of a run, escaping ids', () => {
    expect(temporalWorkflowUrl('http://localhost:8233', 'default', 'pipeline-a/step 1', 'r-1')).toBe(
      'http://localhost:8233/namespaces/default/workflows/pipeline-a%2Fstep%201/r-1/history',
    );
    expect(temporalWorkflowUrl('https://cloud.temporal.io', 'prod.a1b2c', 'w')).toBe('https://cloud.temporal.io/namespaces/prod.a1b2c/workflows/w');
  });
});
