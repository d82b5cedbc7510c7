/**
 * The `reconcileOrphans` activity: runs one pass of the reconciler (orphans.ts) on the worker, which
 * holds the Fabric credential, with the activity's own Temporal client. The `fabricReconcile`
 * workflow calls it, so each pass (and its report) is recorded in that workflow's history.
 */
import { Context } from '@temporalio/activity';
import type { FabricClient } from '../fabric/index.js';
import { reconcileOrphans, type ReconcileInput, type ReconcileReport } from './orphans.js';

export interface ReconcileActivities {
  reconcileOrphans(input: ReconcileInput): Promise<ReconcileReport>;
}

export function createReconcileActivities(fabric: Pick<FabricClient, 'getItemJobInstance' | 'cancelItemJobInstance'>): ReconcileActivities {
  return {
    reconcileOrphans: (input) => reconcileOrphans(Context.current().client, fabric, input),
  };
}
