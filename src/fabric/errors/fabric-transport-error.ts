/** What {@link FabricTransportError} is built from. */
export interface FabricTransportErrorInit {
  message: string;
  code: string;
  requestMayHaveReachedFabric: boolean;
  method: string;
  url: string;
}

/**
 * The HTTP exchange itself failed: connection reset, timeout, DNS failure, connection refused.
 * Match it by `name`, not `instanceof`.
 */
export class FabricTransportError extends Error {
  override readonly name = 'FabricTransportError';
  /** Node / got error code, e.g. `ECONNRESET`, `ETIMEDOUT`, `ECONNREFUSED`, `ENOTFOUND`. */
  readonly code: string;
  /**
   * False only when no connection was ever made (DNS failure, connection refused, connect timeout),
   * so Fabric cannot have acted on the request. True otherwise: a POST may have started a job.
   */
  readonly requestMayHaveReachedFabric: boolean;
  readonly method: string;
  readonly url: string;

  constructor(init: FabricTransportErrorInit) {
    super(init.message);
    this.code = init.code;
    this.requestMayHaveReachedFabric = init.requestMayHaveReachedFabric;
    this.method = init.method;
    this.url = init.url;
  }
}
