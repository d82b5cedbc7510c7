/**
 * The `reconcileOrphans` activity: runs one pass of the reconciler (orphans.ts) on the worker, which
 * holds the Fabric credential, with the activity's own Temporal client. The `fabricReconcile`
 * workflow calls it, so each pass (and its report) is recorded in that workflow's history.
 */
import { Context } from '@temporalio/activity';
import type { FabricClient } from '../fabric/index.js';
import { reconcileOrphans, type ReconcileClients, type ReconcileInput, type ReconcileReport } from './orphans.js';

export interface ReconcileActivities {
  reconcileOrphans(input: ReconcileInput): Promise<ReconcileReport>;
}

/** With one client (the default connection's) or one per connection: each run's job is reconciled with its connection's. */
export function createReconcileActivities(fabric: Pick<FabricClient, 'getItemJobInstance' | 'cancelItemJobInstance'> | ReconcileClients): ReconcileActivities {
  return {
    reconcileOrphans: (input) => reconcileOrphans(Context.current().client, fabric, input),
  };
}
