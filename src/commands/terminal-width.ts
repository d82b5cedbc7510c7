/**
 * Fitting live-view lines to the terminal: a line as wide as the terminal (or wider) wraps, and the
 * next redraw, which moves up by the number of lines it drew, leaves a stale row behind. Every line
 * drawn in place is cut to one column less than the width, on code points, with an ellipsis.
 */

/** Where the terminal's width comes from (a TTY stream has `columns`). */
export interface SizedStream {
  write(text: string): unknown;
  columns?: number;
}

/** The width to draw in: the stream's columns, else $COLUMNS, else 80. */
export function terminalColumns(stream: SizedStream, env: NodeJS.ProcessEnv = process.env): number {
  const columns = stream.columns ?? Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 80;
}

/** `line` cut so that it fits in `columns - 1` columns (one character per code point). */
export function fitLine(line: string, columns: number): string {
  const max = Math.max(1, columns - 1);
  const chars = Array.from(line);
  if (chars.length <= max) return line;
  return `${chars.slice(0, max - 1).join('')}…`;
}
