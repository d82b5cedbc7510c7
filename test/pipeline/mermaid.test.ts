import { describe, expect, it } from 'vitest';
import { parsePipelineText, pipelineToMermaid } from '../../src/pipeline/index.js';

const W = '4b218778-e7a5-4d73-8187-f10824047715';
const I = '431e8d7b-4a95-4c02-8ccd-6faef5ba1bd7';

describe('pipelineToMermaid', () => {
  it('draws steps, needs, continueOnFailure edges and compensations', () => {
    const { pipeline } = parsePipelineText(`
name: nightly
workspace: ${W}
steps:
  - { id: ingest, item: ${I}, jobType: Pipeline, compensate: { item: ${I}, jobType: RunNotebook } }
  - { id: end, item: ${I}, jobType: RunNotebook, needs: [ingest], timeout: 2h, retry: { maximumAttempts: 3 } }
  - { id: optimize, item: ${I}, jobType: TableMaintenance, needs: [end], continueOnFailure: true }
  - { id: report, item: ${I}, jobType: RunNotebook, needs: [optimize] }
`);
    expect(pipelineToMermaid(pipeline)).toBe(
      [
        '---',
        'title: "nightly"',
        '---',
        'flowchart TD',
        '  s0["ingest<br/><small>Pipeline</small>"]',
        '  s1["end<br/><small>RunNotebook · retry ×3 · timeout 2h</small>"]',
        '  s2["optimize<br/><small>TableMaintenance</small>"]',
        '  s3["report<br/><small>RunNotebook</small>"]',
        '  s0 --> s1',
        '  s1 --> s2',
        '  s2 -.-> s3',
        '  c0[/"undo ingest<br/><small>RunNotebook</small>"/]',
        '  s0 -. compensate .- c0',
        '  classDef continue stroke-dasharray: 4 3',
        '  class s2 continue',
        '  classDef compensation fill:#fff4e5,stroke:#d9822b',
        '  class c0 compensation',
        '',
      ].join('\n'),
    );
  });

  it('escapes characters that would break a label', () => {
    // A job type is letters, digits and _ . - ; a template (rendered when the step runs) is shown as written.
    const { pipeline } = parsePipelineText(`name: p\nworkspace: ${W}\nparams: { t: X }\nsteps:\n  - { id: a, item: ${I}, jobType: 'Odd"<{{ params.t }}>#' }\n`);
    expect(pipelineToMermaid(pipeline)).toContain('s0["a<br/><small>Odd#34;#60;{{ params.t }}#62;#35;</small>"]');
  });
});
