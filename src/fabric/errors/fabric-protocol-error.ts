/** What {@link FabricProtocolError} is built from. */
export interface FabricProtocolErrorInit {
  message: string;
  statusCode: number;
  method: string;
  url: string;
  requestId?: string | undefined;
}

/**
 * Fabric answered with a success status but the response breaks the API contract: malformed JSON,
 * a 202 with neither `Location` nor `x-ms-job-id`, a list page without `value`. Match it by `name`.
 */
export class FabricProtocolError extends Error {
  override readonly name = 'FabricProtocolError';
  readonly statusCode: number;
  readonly method: string;
  readonly url: string;
  readonly requestId: string | undefined;

  constructor(init: FabricProtocolErrorInit) {
    super(init.message);
    this.statusCode = init.statusCode;
    this.method = init.method;
    this.url = init.url;
    this.requestId = init.requestId;
  }
}
