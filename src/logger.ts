/**
 * Logs as one JSON object per line (pino), for a log collector rather than a terminal: no colours, no
 * multi-line stacks (a stack is a string field), the level as a word, an ISO time; lines about a request
 * carry its id (see error-log.ts).
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { YogaLogger } from 'graphql-yoga';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous, so the line saying why the process stops is written before it exits.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * Yoga's logger interface over pino. Yoga calls `error` with the errors it masks (sometimes twice for
 * one error); those go to `onError`, which decides what is worth a line; anything else is logged as is.
 */
export function yogaLogger(log: Logger, onError: (error: unknown) => void): YogaLogger {
  const write =
    (level: 'debug' | 'info' | 'warn') =>
    (...args: unknown[]) => {
      if (!log.isLevelEnabled(level)) return;
      const text = args.filter((arg) => typeof arg === 'string').join(' ');
      const details = args.filter((arg) => typeof arg !== 'string');
      if (details.length > 0) log[level]({ details }, text);
      else log[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: (...args: unknown[]) => {
      const errors = args.filter((arg) => typeof arg === 'object' && arg !== null);
      if (errors.length > 0) errors.forEach(onError);
      else log.error(args.map(String).join(' '));
    },
  };
}
