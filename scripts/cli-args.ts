/**
 * What every script a reader runs (`npm run check`, `build:index`, the
 * evaluations and benchmarks) does the same way with its command line: `--help`
 * prints the usage, an unknown or incomplete flag is one line with a pointer to
 * `--help`, paths are read from the folder the reader typed them in, and a
 * failure is one line, never a stack trace.
 */
import { isAbsolute, resolve } from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** Exit status of a command line that cannot be run as typed (a usage error, as for most Unix tools). */
export const USAGE_STATUS = 2;
/** Exit status when the command ran but something it was given could not be used (a missing file…). */
export const FAILURE_STATUS = 1;

const HELP_OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * C0 and C1 control characters but tab and newline, DEL, and the bidirectional
 * overrides: a page (or a file name) carrying "\x1b[2J" would clear the
 * reader's terminal, "\r" would overwrite the line it stands on, and U+202E
 * would print the words after it backwards.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const REPLACEMENT = '\ufffd';

/** Text from a page, a file name or an error, safe to print to a terminal. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, REPLACEMENT);
}

/**
 * A path as the reader typed it, read from the folder they typed it in: npm runs
 * scripts from the package root and says where the reader was in INIT_CWD
 * (`npm run check -- ../page.html` from tests/ means the page next to tests/).
 */
export function userPath(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** A file-system failure in a few words ("no such file"), anything else by its message's first line. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'a folder, not a file';
    case 'ENOTDIR':
      return 'no such file (a part of the path is not a folder)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
  }
  const message = error instanceof Error ? error.message : String(error);
  return printable(message.split('\n')[0] ?? message);
}

/**
 * Whatever a script did not expect still ends in one line: "check: …", exit
 * status 1. Set once, at the start, by `parseCli`.
 */
function failInOneLine(command: string): void {
  const fail = (error: unknown) => {
    const path = (error as NodeJS.ErrnoException | null)?.path;
    console.error(printable(`${command}: ${path ? `${path}: ` : ''}${reasonOf(error)}`));
    process.exit(FAILURE_STATUS);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}

export interface CliSpec<O extends ParseArgsOptionsConfig, P extends boolean> {
  /** The npm script's name: "check", "build:index". */
  command: string;
  /** Everything after `npm run <command> --`, and what each flag does, one a line. */
  usage: string;
  options: O;
  allowPositionals: P;
  /**
   * The options that name a file or folder: read from the reader's folder when they type one,
   * while a default (`corpus`, `../shared/stories-dev`) stays relative to the repository.
   */
  paths?: readonly (keyof O & string)[];
}

type Parsed<O extends ParseArgsOptionsConfig, P extends boolean> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: O & typeof HELP_OPTIONS;
    allowPositionals: P;
    strict: true;
    tokens: true;
  }>
>;

/**
 * The command line parsed strictly. `--help` prints the usage and exits 0; a
 * mistake (an unknown flag, a flag without its value, a stray argument) prints
 * one line and a pointer to `--help`, exit status 2.
 */
export function parseCli<O extends ParseArgsOptionsConfig, P extends boolean>(
  spec: CliSpec<O, P>,
  args = process.argv.slice(2),
): Parsed<O, P> {
  failInOneLine(spec.command);
  let parsed: Parsed<O, P>;
  try {
    parsed = parseArgs({
      args,
      options: { ...spec.options, ...HELP_OPTIONS },
      allowPositionals: spec.allowPositionals,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--jsno'. To specify a positional argument starting with a '-'…":
    // the first sentence is the news, the rest is advice for another kind of program.
    usageError(spec.command, reasonOf(error).replace(/\. .*$/, ''));
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(`usage: npm run ${spec.command} -- ${spec.usage}`);
    process.exit(0);
  }
  const given = new Set(parsed.tokens?.flatMap((t) => (t.kind === 'option' ? [t.name] : [])));
  const values = parsed.values as Record<string, unknown>;
  for (const name of spec.paths ?? [])
    if (given.has(name) && typeof values[name] === 'string') values[name] = userPath(values[name]);
  return parsed;
}

/** A usage mistake parseArgs cannot see (a flag the script needs is missing): one line, exit status 2. */
export function usageError(command: string, problem: string): never {
  console.error(`${command}: ${problem} (npm run ${command} -- --help for usage)`);
  process.exit(USAGE_STATUS);
}
