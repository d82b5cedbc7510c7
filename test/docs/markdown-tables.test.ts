/**
 * Every Markdown table in the README and docs renders as a table: each run of `|` lines (outside
 * code blocks) starts with a header row and its `|---|` separator, and every row has the header's
 * number of cells. A row pasted below a paragraph renders as stray text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/process.js';

const FILES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

/** The cells of a row: `|` inside backticks or escaped (`\|`) does not split. */
function cells(row: string): number {
  const masked = row.replace(/`[^`]*`/g, (code) => code.replace(/\|/g, 'x')).replace(/\\\|/g, 'x');
  return masked.trim().replace(/^\||\|$/g, '').split('|').length;
}

function tableProblems(text: string): string[] {
  const lines = text.split('\n');
  const problems: string[] = [];
  let inCode = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) inCode = !inCode;
    if (inCode || !lines[i]!.startsWith('|') || lines[i - 1]?.startsWith('|')) continue;
    const separator = lines[i + 1] ?? '';
    if (!/^\|(\s*:?-+:?\s*\|)+\s*$/.test(separator)) {
      problems.push(`line ${i + 1}: a table row without a header and separator above it: ${lines[i]!.slice(0, 60)}`);
      continue;
    }
    const width = cells(lines[i]!);
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) {
      if (cells(lines[j]!) !== width) problems.push(`line ${j + 1}: ${cells(lines[j]!)} cells where the header has ${width}`);
    }
  }
  return problems;
}

describe('Markdown tables', () => {
  it.each(FILES)('%s: every table has a header, a separator and rows of its width', (file) => {
    expect(tableProblems(readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
  });
});
