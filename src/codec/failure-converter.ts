/**
 * Failure converter that moves error messages and stack traces into an encoded payload, so the
 * encryption codec covers them too (a Fabric failureReason message may quote job parameters).
 * Loaded by path (`dataConverter.failureConverterPath`): the worker bundles it into the workflow
 * sandbox and the client `require`s it, so it imports nothing but @temporalio/common.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
