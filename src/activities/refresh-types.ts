/**
 * Inputs and outputs of the semantic model refresh activities. Plain data (JSON): they cross
 * Temporal's payload converter and are imported by the workflow as types only. Every input carries
 * the connection's name only, never a credential.
 */
import type { RefreshDetail, RefreshRequest, RefreshStatus } from '../fabric/powerbi/models.js';

export interface RefreshModelRef {
  /** The named connection (docs/configuration.md). @default 'default' */
  connection?: string;
  workspaceId: string;
  semanticModelId: string;
}

export interface RefreshRef extends RefreshModelRef {
  refreshId: string;
}

export interface StartRefreshInput extends RefreshModelRef {
  options: RefreshRequest;
  /** Workflow time (ms since epoch) when the start was first scheduled; the same for every attempt. */
  notBeforeMs: number;
}

export interface StartRefreshOutput {
  refreshId: string;
  /** Power BI's Retry-After on the 202, when it sent one. */
  retryAfterMs?: number;
  /** True when a refresh an earlier attempt had started was found in the history and adopted. */
  adopted: boolean;
}

export interface GetRefreshStatusInput extends RefreshRef {
  /** Whether Power BI has already shown this refresh; a 404 before that is not fatal. */
  seen: boolean;
}

export type GetRefreshStatusOutput =
  | { found: true; status: RefreshStatus; detail: RefreshDetail; retryAfterMs?: number }
  | { found: false; retryAfterMs?: number };

export interface CancelRefreshInput extends RefreshRef {
  /** @default true */
  seen?: boolean;
}

export interface FindRefreshInput extends RefreshModelRef {
  notBeforeMs: number;
  /** Only refreshes still running. @default false */
  activeOnly?: boolean;
}

export interface FindRefreshOutput {
  refreshId: string | null;
  matches: number;
}

export interface RefreshActivities {
  startRefresh(input: StartRefreshInput): Promise<StartRefreshOutput>;
  getRefreshStatus(input: GetRefreshStatusInput): Promise<GetRefreshStatusOutput>;
  cancelRefresh(input: CancelRefreshInput): Promise<void>;
  findRefresh(input: FindRefreshInput): Promise<FindRefreshOutput>;
}

/** Tuning (the same meaning as for the job start, docs/duplicate-safe-start.md). */
export interface RefreshActivitiesOptions {
  /** @default 120_000 */
  clockSkewMs?: number;
  /** @default 2_000 */
  lookupDelayMs?: number;
}
