import { BadGatewayError, BadRequestError } from '../../shared/errors.ts';

/** Why a fetch was refused or failed, for callers that act on it (the feed poller backs off, the CLI exits). */
export type FetchProblem =
  | 'scheme'
  | 'credentials'
  | 'address'
  | 'dns'
  | 'redirects'
  | 'too-large'
  | 'timeout'
  | 'type'
  | 'status'
  | 'network';

/** We would not fetch this address: a problem with what the person asked for (400). */
export class FetchRefusedError extends BadRequestError {
  constructor(
    message: string,
    readonly problem: FetchProblem,
  ) {
    super(message, { url: message });
  }
}

/** The remote server failed us: unreachable, too slow, too big, or not a page (502). */
export class FetchFailedError extends BadGatewayError {
  constructor(
    message: string,
    readonly problem: FetchProblem,
    readonly httpStatus?: number,
  ) {
    super(message, { url: message });
  }
}

export function isFetchError(error: unknown): error is FetchRefusedError | FetchFailedError {
  return error instanceof FetchRefusedError || error instanceof FetchFailedError;
}
