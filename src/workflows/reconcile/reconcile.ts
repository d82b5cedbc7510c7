/**
 * `fabricReconcile`: one pass of the orphan reconciler (src/reconcile) as a workflow, so that the
 * CLI (`fabric-temporal reconcile`) and a Temporal Schedule start it alike and its report stays in
 * the history. The pass itself is one activity on the worker (it needs Fabric credentials).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { ReconcileActivities } from '../../reconcile/activity.js';
import type { ReconcileInput, ReconcileReport } from '../../reconcile/orphans.js';

const { reconcileOrphans } = proxyActivities<ReconcileActivities>({
  startToCloseTimeout: '15 minutes',
  retry: { maximumAttempts: 3 },
});

export async function fabricReconcile(input: ReconcileInput = {}): Promise<ReconcileReport> {
  return reconcileOrphans(input);
}
