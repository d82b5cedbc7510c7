/** What can go wrong turning names into ids. Error classes matched by `name` (they cross module copies and Temporal's failure converter). */

/** The ApplicationFailure types of the `resolveFabricNames` activity (all non-retryable). */
export const NameFailureTypes = {
  /** A workspace or item name (or an item id whose type was needed) that the identity cannot see. */
  NotFound: 'FabricItemNotFound',
  /** Two items (or workspaces) have the same name and type. */
  Ambiguous: 'FabricItemAmbiguous',
  /** The item type runs several job types or none: the job type must be given. */
  JobTypeRequired: 'FabricJobTypeRequired',
} as const;

/** A workspace or an item that the identity cannot see under that name (or id). */
export class FabricItemNotFound extends Error {
  override readonly name = 'FabricItemNotFound';
  constructor(
    message: string,
    readonly details: {
      /** What was not found. */
      kind: 'workspace' | 'item';
      /** The reference as written. */
      reference: string;
      /** Closest names that do exist, closest first. */
      suggestions: string[];
      /** The workspace searched (items only). */
      workspaceId?: string;
      /** The item was known under this id before (a later run): it was renamed to `renamedTo`, or deleted. */
      lastKnownId?: string;
      renamedTo?: string;
    },
  ) {
    super(message);
  }
}

/** Two items (or workspaces) answer to the same name and type: a name cannot pick one. */
export class FabricItemAmbiguous extends Error {
  override readonly name = 'FabricItemAmbiguous';
  constructor(
    message: string,
    readonly details: { kind: 'workspace' | 'item'; reference: string; ids: string[] },
  ) {
    super(message);
  }
}
