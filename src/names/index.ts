/**
 * Fabric names: the reference grammar (ids, `Name.ItemType`, `Workspace.Workspace/Name.ItemType`),
 * item types and the job types they run, closest-name suggestions (all pure and sandbox-safe), and
 * the NameResolver (names → ids through the Fabric client; not for the workflow sandbox).
 */
export * from './reference.js';
export * from './item-types.js';
export * from './errors.js';
export { closestNames, editDistance } from './closest.js';
export { NameResolver, type CatalogClient, type TargetReference, type ResolvedTarget, type ResolvedItem, type TargetLabels } from './resolver.js';
export * from './job-targets.js';
