// A minimal JSON-lines logger for the main thread (stderr). Never given request bodies: they
// hold customer addresses.

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function createLogger({ write = (line: string) => void process.stderr.write(line), base = {} }: { write?: (line: string) => void; base?: LogFields } = {}): Logger {
  const emit = (level: string, msg: string, fields: LogFields = {}) => {
    const err = fields.err instanceof Error ? { err: { name: fields.err.name, message: fields.err.message, stack: fields.err.stack } } : {};
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields, ...err })}\n`);
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/** Drops everything (tests). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
