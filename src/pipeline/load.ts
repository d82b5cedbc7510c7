/**
 * Reads a pipeline file (YAML or JSON — JSON is parsed as YAML 1.2, its superset) and validates it.
 * Syntax errors carry their line and column; validation problems the line of the node they concern.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { ValuePath } from '../templates.js';
import { applyEnvironment, type EnvironmentSelection } from './environments.js';
import { PipelineValidationError, sortIssues, type PipelineIssue } from './issues.js';
import type { PipelineFile } from './schema.js';
import { validatePipeline } from './validate.js';

export interface LoadedPipeline {
  pipeline: PipelineFile;
  /** Where the pipeline came from (a path, or a name given by the caller). */
  source: string;
  /** The environment applied (`--env`), when one was. */
  env?: string;
}

/**
 * Parses and validates pipeline text, with the selected environment applied (its `{{ env.X }}`
 * rendered) when `selection` names one. Throws a PipelineValidationError listing every problem.
 */
export function parsePipelineText(text: string, source = '<pipeline>', selection: EnvironmentSelection = {}): LoadedPipeline {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error): PipelineIssue => {
      const position = error.linePos?.[0];
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const where = position ? ` at line ${position.line}, column ${position.col}` : '';
      return { path: [], message: `syntax error${where}: ${message}`, line: position?.line, column: position?.col };
    });
    throw new PipelineValidationError(issues, source);
  }
  if (doc.contents === null) throw new PipelineValidationError([{ path: [], message: 'the file is empty' }], source);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new PipelineValidationError([{ path: [], message: `cannot read the document: ${(error as Error).message}` }], source);
  }
  const applied = applyEnvironment(value, selection);
  const result = applied.issues.length > 0 ? { ok: false as const, issues: applied.issues } : validatePipeline(applied.value);
  if (!result.ok) {
    const located = result.issues.map((issue) => ({ ...issue, ...locate(doc, lineCounter, issue.path) }));
    throw new PipelineValidationError(sortIssues(located), source);
  }
  return { pipeline: result.pipeline, source, ...(selection.env !== undefined && { env: selection.env }) };
}

/** Reads and validates a pipeline file (see parsePipelineText). Throws a PipelineValidationError (also when it cannot be read). */
export async function loadPipelineFile(path: string, selection: EnvironmentSelection = {}): Promise<LoadedPipeline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new PipelineValidationError([{ path: [], message: `cannot read the file: ${reason}` }], path);
  }
  return parsePipelineText(text, path, selection);
}

/** Line and column of the node at `path`, or of its nearest existing parent. */
function locate(doc: Document, lineCounter: LineCounter, path: ValuePath): { line?: number; column?: number } {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const { line, col } = lineCounter.linePos(range[0]);
      return { line, column: col };
    }
  }
  return {};
}
