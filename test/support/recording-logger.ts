import type { Logger } from '../../src/ports/logger/logger.port';

/** One line a `RecordingLogger` kept. */
export interface LogLine {
  level: string;
  message: string;
  fields: object;
}

/** A logger that keeps every line (message and fields), to see that failures surface and carry no personal data. */
export type RecordingLogger = Logger & { lines: LogLine[] };

export function recordingLogger(): RecordingLogger {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (fields: object, message?: string): void =>
      void lines.push({ level, message: message ?? '', fields });
  const logger: RecordingLogger = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}
