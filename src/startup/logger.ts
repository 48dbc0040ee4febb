import pino from 'pino';
import type { Config } from '../config/config';
import type { Logger } from '../ports/logger/logger.port';

/**
 * JSON logs to stderr. Fields that could carry secrets are redacted as a second line of
 * defence; the code logs ids, not personal data.
 */
export function createLogger(level: Config['logLevel']): Logger {
  return pino(
    {
      name: 'privacy-desk',
      level,
      redact: { paths: ['password', '*.password', 'appPassword', '*.appPassword', 'authorization', '*.authorization', 'headers.authorization'], censor: '***' },
    },
    pino.destination(2),
  );
}
