/**
 * JSON on the command line: inline (`'{"a":1}'`) or from a file (`@path/to/file.json`). What the
 * value must be is the job table's business (src/contracts/job.ts).
 */
import { readFileSync } from 'node:fs';
import { JOB_FIELDS } from '../../contracts/job.js';
import { UsageError } from '../errors.js';

/** The text of `value`, or of the file it names with a leading `@`. */
export function readJsonText(flag: string, value: string): { text: string; source: string } {
  if (!value.startsWith('@')) return { text: value, source: `${flag}` };
  const path = value.slice(1);
  if (path === '') throw new UsageError(`${flag} "@": name a file after @, e.g. @execution-data.json`);
  try {
    return { text: readFileSync(path, 'utf8'), source: `${flag} file ${path}` };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : ((error as Error).message ?? String(error));
    throw new UsageError(`${flag} ${JSON.stringify(value)}: cannot read ${path}: ${why}`);
  }
}

/** Parses JSON from `value` (inline or `@file`). @throws UsageError with the parser's reason. */
export function parseJsonValue(flag: string, value: string): unknown {
  const { text, source } = readJsonText(flag, value);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const shown = source === flag ? `${flag} ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)}` : source;
    throw new UsageError(`${shown}: not valid JSON (${(error as Error).message})`);
  }
}

/** A JSON object (Fabric's `executionData`), by the job table's rule for executionData. */
export function parseJsonObject(flag: string, value: string): Record<string, unknown> {
  const parsed = parseJsonValue(flag, value);
  const problem = JOB_FIELDS.executionData.check(parsed);
  if (problem) throw new UsageError(`${flag}: ${problem.message}`);
  return parsed as Record<string, unknown>;
}
