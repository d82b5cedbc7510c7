/**
 * Validates a parsed pipeline file (any JSON value): the zod schema plus the whole-file checks.
 * Every problem is returned, not just the first.
 */
import { formatPath } from '../templates.js';
import type { PipelineIssue } from './issues.js';
import { pipelineFileSchema, type PipelineFile } from './schema.js';
import { schemaIssues } from './schema-issues.js';
import { semanticIssues } from './semantics.js';

export type PipelineValidation = { ok: true; pipeline: PipelineFile; issues: [] } | { ok: false; issues: PipelineIssue[] };

export function validatePipeline(input: unknown): PipelineValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: [], message: 'a pipeline file must hold an object with "name" and "steps"' }] };
  }
  const parsed = pipelineFileSchema.safeParse(input);
  const issues = dedupe([...(parsed.success ? [] : schemaIssues(parsed.error.issues, input)), ...semanticIssues(input)]);
  if (parsed.success && issues.length === 0) return { ok: true, pipeline: parsed.data, issues: [] };
  return { ok: false, issues };
}

function dedupe(issues: PipelineIssue[]): PipelineIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${formatPath(issue.path)}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
