/**
 * One error base with stable string codes. Codes are part of the contract (logs, CLI exit
 * messages, tests); messages are for engineers and never shown to users verbatim.
 */
export class PrivacyDeskError extends Error {
  override name = 'PrivacyDeskError';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A file or setting an administrator wrote is invalid; `location` names the offending part. */
export class ConfigurationError extends PrivacyDeskError {
  override name = 'ConfigurationError';
  constructor(
    code: string,
    readonly location: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, `${location}: ${message}`, options);
  }
}
