/**
 * Fabric long-running operation steps and compensations of pipeline files (`kind:` one of the
 * fabricOperation kinds, docs/operations-kinds.md): their fields (zod), checked by the kind's rules
 * (src/contracts/fabric-operation.ts), and their conversion into the workflow's input.
 *
 * ```yaml
 * - id: load
 *   kind: lakehouseLoadTable
 *   lakehouse: 6f1c…            # and workspace (else the pipeline's), table, path, pathType, mode, format, header, delimiter, fileExtension, recursive
 *   table: sales
 *   path: Files/sales/{{ logicalDate }}.csv
 *   mode: Overwrite
 * - id: sync
 *   kind: sqlEndpointRefreshMetadata
 *   sqlEndpoint: 7a2d…          # and workspace, recreateTables, refreshTimeout
 *   needs: [load]
 * - id: promote
 *   kind: deploymentPipelineDeploy
 *   pipeline: 9b3e…             # from, to (stage ids or names), note, items, allowCrossRegion
 *   from: Development
 *   to: Test
 * - id: other
 *   kind: fabricOperation
 *   path: /workspaces/…/items/…/getDefinition   # body, idempotent
 * ```
 * Every kind also takes timeout, pollInterval, connection and pool (the job table's rules).
 */
import { z } from 'zod';
import { normalizeConnectionName } from '../contracts/connection.js';
import { OPERATION_FIELD_LIST } from '../contracts/operation-fields.js';
import { fieldSchema, inputForm } from './field-schema.js';
import { isOperationKind, operationKindProblems, OPERATION_KINDS, type OperationKind, type OperationSpec } from '../contracts/fabric-operation.js';
import { durationToMs } from '../duration.js';
import { hasTemplate } from '../templates.js';

export { OPERATION_KINDS };

const durationText = z.string().refine((v) => (durationToMs(v) ?? 0) > 0, { error: 'not a duration above 0; use e.g. 90s, 5m, 2h, 1h30m' });
const text = z.string().trim().min(1, { error: 'must not be empty' });

/** The shared keys (timeout, pollInterval, connection, pool): the operation field table's rows, with its rules and messages. */
const shared = Object.fromEntries(OPERATION_FIELD_LIST.map((field) => [field.file, fieldSchema(field, true)]));

/** The file keys of each kind (besides `kind` and the shared ones). */
const KIND_SHAPES: Record<OperationKind, Record<string, z.ZodType>> = {
  sqlEndpointRefreshMetadata: { workspace: text.optional(), sqlEndpoint: text, recreateTables: z.boolean().optional(), refreshTimeout: durationText.optional() },
  lakehouseLoadTable: {
    workspace: text.optional(),
    lakehouse: text,
    table: text,
    path: text,
    // Free text here, checked (case-insensitively) by the kind's rules with the other fields: every problem at once.
    pathType: z.string().optional(),
    mode: z.string().optional(),
    format: z.string().optional(),
    header: z.boolean().optional(),
    delimiter: z.string().optional(),
    fileExtension: text.optional(),
    recursive: z.boolean().optional(),
  },
  deploymentPipelineDeploy: {
    pipeline: text,
    from: text,
    to: text,
    note: z.string().optional(),
    items: z.array(z.strictObject({ sourceItemId: text, itemType: text })).optional(),
    allowCrossRegion: z.boolean().optional(),
  },
  fabricOperation: { path: text, body: z.record(z.string(), z.unknown()).optional(), idempotent: z.boolean().optional() },
};

/** The fields an operation step or compensation may have (for "did you mean" hints). */
export const OPERATION_FIELDS: readonly string[] = [...new Set(['kind', ...Object.keys(shared), ...Object.values(KIND_SHAPES).flatMap((s) => Object.keys(s))])];

/** Where each input field sits in the file, for messages (`request.relativePath` → `path`). */
const FILE_KEY: Record<string, string> = {
  workspaceId: 'workspace',
  sqlEndpointId: 'sqlEndpoint',
  lakehouseId: 'lakehouse',
  tableName: 'table',
  'request.relativePath': 'path',
  'request.pathType': 'pathType',
  'request.mode': 'mode',
  'request.formatOptions': 'format',
  'request.fileExtension': 'fileExtension',
  'request.timeout': 'refreshTimeout',
  'request.note': 'note',
  'request.items': 'items',
  deploymentPipelineId: 'pipeline',
  sourceStage: 'from',
  targetStage: 'to',
};

/** True for a step or compensation object whose `kind` is an operation kind. */
export function isOperationEntry(value: unknown): value is { kind: OperationKind } {
  return typeof value === 'object' && value !== null && isOperationKind((value as { kind?: unknown }).kind);
}

/** The strict schema of an operation entry (its kind's fields, the shared ones, and `extra`: a step's id, needs, ...). */
export function operationEntrySchema(kind: OperationKind, extra: Record<string, z.ZodType> = {}): z.ZodType {
  const defaults = { workspace: undefined as string | undefined, connection: undefined as string | undefined };
  return z.strictObject({ ...extra, kind: z.literal(kind), ...shared, ...KIND_SHAPES[kind] }).superRefine((entry, ctx) => {
    const spec = toOperationSpec(entry as PipelineFileOperation, defaults) as unknown as Record<string, unknown>;
    for (const p of operationKindProblems(spec)) {
      const key = FILE_KEY[p.field] ?? FILE_KEY[p.field.split('.')[0]!] ?? p.field;
      const value = (entry as Record<string, unknown>)[key];
      // Checked once rendered (a template), or left to the pipeline's workspace.
      if ((typeof value === 'string' && hasTemplate(value)) || (key === 'workspace' && value === undefined) || key in extra) continue;
      ctx.addIssue({ code: 'custom', path: [key], message: p.message });
    }
  });
}

export type PipelineFileOperation = { kind: OperationKind } & Record<string, unknown>;

const ms = (v: unknown): number => durationToMs(String(v))!;

/** One of `allowed`, case-insensitive; the text as written otherwise (the kind's rules then name it). */
function choice(value: unknown, allowed: readonly string[]): unknown {
  return typeof value === 'string' ? (allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase()) ?? value) : value;
}

/**
 * The input an entry describes, with the pipeline's workspace and connection as defaults (durations
 * in milliseconds; templates left for the workflow to render).
 */
export function toOperationSpec(entry: PipelineFileOperation, defaults: { workspace?: string | undefined; connection?: string | undefined }): OperationSpec {
  const e = entry as Record<string, unknown>;
  const workspaceId = (e.workspace as string | undefined) ?? defaults.workspace;
  let spec: Record<string, unknown>;
  switch (entry.kind) {
    case 'sqlEndpointRefreshMetadata': {
      const request = {
        ...(e.recreateTables !== undefined && { recreateTables: e.recreateTables }),
        ...(e.refreshTimeout !== undefined && { timeout: { value: Math.ceil(ms(e.refreshTimeout) / 1000), timeUnit: 'Seconds' } }),
      };
      spec = { workspaceId, sqlEndpointId: e.sqlEndpoint, ...(Object.keys(request).length > 0 && { request }) };
      break;
    }
    case 'lakehouseLoadTable': {
      const format = choice(e.format, ['Csv', 'Parquet']);
      const csv = { ...(e.header !== undefined && { header: e.header }), ...(e.delimiter !== undefined && { delimiter: e.delimiter }) };
      const formatOptions =
        format === 'Parquet' ? { format } : format !== undefined ? { format, ...csv } : Object.keys(csv).length > 0 ? { format: 'Csv', ...csv } : undefined;
      const request = {
        relativePath: e.path,
        pathType: choice(e.pathType, ['File', 'Folder']) ?? 'File',
        ...(e.mode !== undefined && { mode: choice(e.mode, ['Overwrite', 'Append']) }),
        ...(e.fileExtension !== undefined && { fileExtension: e.fileExtension }),
        ...(e.recursive !== undefined && { recursive: e.recursive }),
        ...(formatOptions !== undefined && { formatOptions }),
      };
      spec = { workspaceId, lakehouseId: e.lakehouse, tableName: e.table, request };
      break;
    }
    case 'deploymentPipelineDeploy': {
      const request = {
        ...(e.note !== undefined && { note: e.note }),
        ...(e.items !== undefined && { items: e.items }),
        ...(e.allowCrossRegion === true && { options: { allowCrossRegionDeployment: true } }),
      };
      spec = { deploymentPipelineId: e.pipeline, sourceStage: e.from, targetStage: e.to, ...(Object.keys(request).length > 0 && { request }) };
      break;
    }
    case 'fabricOperation':
      spec = { path: e.path, ...(e.body !== undefined && { body: e.body }), ...(e.idempotent !== undefined && { idempotent: e.idempotent }) };
      break;
  }
  const connection = (e.connection as string | undefined) ?? defaults.connection;
  const sharedValues = Object.fromEntries(
    OPERATION_FIELD_LIST.filter((field) => e[field.file] !== undefined).map((field) => [field.input, inputForm(field, e[field.file])]),
  );
  return {
    kind: entry.kind,
    ...spec,
    ...sharedValues,
    ...(connection !== undefined && { connection: normalizeConnectionName(connection) }),
  } as unknown as OperationSpec;
}

/** The ids the step's job fields show for an operation (what it acts on): workspace and item where it has them. */
export function operationTarget(spec: OperationSpec): { workspaceId?: string; itemId: string } {
  switch (spec.kind) {
    case 'sqlEndpointRefreshMetadata':
      return { workspaceId: spec.workspaceId, itemId: spec.sqlEndpointId };
    case 'lakehouseLoadTable':
      return { workspaceId: spec.workspaceId, itemId: spec.lakehouseId };
    case 'deploymentPipelineDeploy':
      return { itemId: spec.deploymentPipelineId };
    case 'fabricOperation':
      return { itemId: spec.path };
  }
}
