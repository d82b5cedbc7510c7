/**
 * JSON on the command line: inline (`'{"a":1}'`) or from a file (`@path/to/file.json`).
 * `executionData` must be a JSON object; `parameters` an array of `{ name, type, value }`.
 */
import { readFileSync } from 'node:fs';
import type { JobParameter } from '../../shared.js';
import { UsageError } from '../errors.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A string with more than blanks in it (the Fabric client refuses blank parameter names and types). */
function filled(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

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

/** A JSON object (Fabric's `executionData`). */
export function parseJsonObject(flag: string, value: string): Record<string, unknown> {
  const parsed = parseJsonValue(flag, value);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`${flag}: must be a JSON object like {"parameters": {...}}, got ${describe(parsed)}`);
  }
  return parsed as Record<string, unknown>;
}

/** A JSON array of Fabric job parameters: `[{ "name": "...", "type": "Text", "value": ... }]`. */
export function parseJobParameters(flag: string, value: string): JobParameter[] {
  const parsed = parseJsonValue(flag, value);
  if (!Array.isArray(parsed)) {
    throw new UsageError(`${flag}: must be a JSON array like [{"name": "p", "type": "Text", "value": "x"}], got ${describe(parsed)}`);
  }
  const problems: string[] = [];
  parsed.forEach((entry: unknown, index) => {
    const item = entry as Partial<JobParameter> | null;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(`${flag}[${index}]: must be an object with name, type and value, got ${describe(entry)}`);
    } else if (!filled(item.name) || !filled(item.type) || !('value' in item)) {
      problems.push(`${flag}[${index}]: needs a non-empty string "name", a string "type" (e.g. Text, Integer, Boolean) and a "value"`);
    }
  });
  if (problems.length > 0) throw new UsageError(problems);
  return parsed as JobParameter[];
}
