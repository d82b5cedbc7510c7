/**
 * Bad input caught before any request was sent (non-UUID id, empty jobType, executionData that is not
 * plain JSON, malformed parameters or schedule). Never retry it. Match it by `name`.
 */
export class FabricValidationError extends Error {
  override readonly name = 'FabricValidationError';
  /** The argument or option at fault, e.g. `workspaceId`, `jobType`, `executionData`, `configuration`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
