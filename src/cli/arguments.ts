import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import type { CommandContext } from './commands.js';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** What a command accepts: its usage line, its `--options`, the options it cannot do without, its positional words. */
export type ArgumentSpecification<T extends ParseArgsOptionsConfig> = {
  usage: string;
  options: T;
  required?: Array<keyof T & string>;
  /** Names of the positional words, in order, all required (e.g. ['<file.csv>']). */
  positionals?: string[];
};

type Parsed<T extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: T; strict: true; allowPositionals: true }>
>;

/**
 * Reads a command's words with node:util's parseArgs, the one argument parser of the CLI. An unknown option, an option
 * without its value, a missing option or word, or a word too many: one line saying which, then the usage; null.
 */
export function readArguments<const T extends ParseArgsOptionsConfig>(
  context: CommandContext,
  specification: ArgumentSpecification<T>,
): Parsed<T> | null {
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs({ args: context.args, options: specification.options, strict: true, allowPositionals: true });
  } catch (error) {
    return usageError(context, specification.usage, describeParseError(error as Error & { code?: string }));
  }
  const values = parsed.values as Record<string, unknown>;
  const missing = [
    ...(specification.required ?? [])
      .filter((name) => values[name] === undefined || values[name] === '')
      .map((name) => `--${name}`),
    ...(specification.positionals ?? []).slice(parsed.positionals.length),
  ];
  if (missing.length > 0) return usageError(context, specification.usage, `Missing ${missing.join(', ')}.`);
  const extra = parsed.positionals.slice(specification.positionals?.length ?? 0);
  if (extra.length > 0) return usageError(context, specification.usage, `Unexpected argument "${extra[0]}".`);
  return parsed;
}

/** Checks parsed option values with a zod schema; problems go out as one line, then the usage. */
export function validateOptions<T extends z.ZodType>(
  context: CommandContext,
  usage: string,
  schema: T,
  values: unknown,
): z.infer<T> | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  return usageError(
    context,
    usage,
    result.error.issues
      .map((issue) => `${issue.path.length ? `--${issue.path.join('.')}: ` : ''}${issue.message}`)
      .join('; '),
  );
}

/** One line saying what is wrong, then the command's usage; the caller returns exit code 2. */
export function usageError(context: CommandContext, usage: string, problem: string): null {
  context.progress(problem);
  context.progress(`Usage: ${usage}`);
  return null;
}

// Node's own messages run to several sentences; the option's name is what the person needs.
function describeParseError(error: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `Unknown option ${option}.`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /does not take/.test(error.message) ? `${option} takes no value.` : `${option} needs a value.`;
  }
  return error.message.split('\n')[0] ?? 'Wrong arguments.';
}
