/**
 * One-line JSON logs on stdout. Callers pass only non-personal facts (route patterns, codes, counts):
 * data about released people is criminal-offence data and never belongs in a log.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Until main.ts or the CLI sets the configured level (tests and benches stay quiet unless they ask).
let threshold: Level = 'warn';

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (order[level] < order[threshold]) return;
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
}

export const logger = {
  setLevel: (level: Level) => void (threshold = level),
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
