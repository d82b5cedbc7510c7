/**
 * A pipeline's steps on a timeline (Gantt): one row per step from when its first attempt started to
 * when it ended (or now), the Fabric job's own span drawn inside it, so the time before the job
 * started (waits for capacity or a pool slot, earlier attempts) shows as the lighter part.
 */
import { esc } from './html.js';

export interface TimelineRow {
  id: string;
  state: string;
  /** Workflow times (ISO) of the step: first attempt's start and the end. */
  startedAt: string | null;
  endedAt: string | null;
  /** Fabric's times of the last attempt's job. */
  jobStart: string | null;
  jobEnd: string | null;
  attempts: number;
}

const LABEL = 150;
const WIDTH = 900;
const ROW = 24;

function ms(iso: string | null): number | undefined {
  if (!iso) return undefined;
  // Fabric sends UTC times without a zone designator.
  const parsed = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export function timelineSvg(rows: readonly TimelineRow[], nowMs: number): string {
  const spans = rows.flatMap((row) => [ms(row.startedAt), ms(row.endedAt) ?? (row.startedAt ? nowMs : undefined)]).filter((v): v is number => v !== undefined);
  if (spans.length === 0) return '<p class="muted">No step has started yet.</p>';
  const from = Math.min(...spans);
  const to = Math.max(from + 1000, ...spans);
  const x = (t: number) => LABEL + ((t - from) / (to - from)) * (WIDTH - LABEL - 10);
  const height = rows.length * ROW + 24;
  const bars = rows.map((row, index) => {
    const y = index * ROW + 4;
    const label = `<text x="4" y="${y + 14}">${esc(row.id.length > 20 ? `${row.id.slice(0, 19)}…` : row.id)}</text>`;
    const start = ms(row.startedAt);
    if (start === undefined) return label;
    const end = ms(row.endedAt) ?? nowMs;
    const cls = `fill-${esc(row.state.toLowerCase())}`;
    const whole = `<rect class="${cls}" opacity="0.45" x="${x(start).toFixed(1)}" y="${y}" width="${Math.max(2, x(end) - x(start)).toFixed(1)}" height="${ROW - 8}"><title>${esc(row.id)}: ${esc(row.state)}, ${row.attempts} attempt(s)</title></rect>`;
    const jobStart = ms(row.jobStart);
    const jobEnd = ms(row.jobEnd) ?? (jobStart !== undefined ? end : undefined);
    const job =
      jobStart !== undefined && jobEnd !== undefined
        ? `<rect class="${cls}" stroke="#5d6778" x="${x(Math.max(start, jobStart)).toFixed(1)}" y="${y}" width="${Math.max(2, x(Math.min(end, jobEnd)) - x(Math.max(start, jobStart))).toFixed(1)}" height="${ROW - 8}"><title>${esc(row.id)}: the Fabric job</title></rect>`
        : '';
    return `${label}${whole}${job}`;
  });
  const seconds = Math.round((to - from) / 1000);
  const axis = `<text x="${LABEL}" y="${height - 4}" fill="#5d6778">${esc(new Date(from).toISOString())}</text><text x="${WIDTH - 10}" y="${height - 4}" text-anchor="end" fill="#5d6778">+${seconds}s</text>`;
  return `<svg class="timeline" role="img" aria-label="timeline of the steps" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg">${bars.join('')}${axis}</svg>`;
}
