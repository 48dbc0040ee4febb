import { PrivacyDeskError } from '../../domain/shared/errors';

/** Stable codes of directory failures, as every adapter reports them. */
export type DirectoryErrorCode =
  | 'DIRECTORY.UNREACHABLE'
  | 'DIRECTORY.TIMEOUT'
  | 'DIRECTORY.BIND_FAILED'
  | 'DIRECTORY.TLS'
  | 'DIRECTORY.REFERRAL'
  | 'DIRECTORY.THROTTLED'
  | 'DIRECTORY.NOT_FOUND'
  | 'DIRECTORY.FORBIDDEN'
  | 'DIRECTORY.READ_ONLY'
  | 'DIRECTORY.INVALID_CHANGE'
  | 'DIRECTORY.FAILED';

/** A directory failure, translated from the library's error in one place per adapter. */
export class DirectoryError extends PrivacyDeskError {
  override name = 'DirectoryError';
  constructor(
    override readonly code: DirectoryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
