/**
 * Errors a user can cause. The CLI prints `message` as one line and exits with `exitCode`;
 * anything else is a bug and is reported as such.
 */
export class IamwrightError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A bad command line (unknown flag value, missing argument). Exit 2, as CLI frameworks do. */
export class UsageError extends IamwrightError {
  constructor(message: string) {
    super(message, 2);
  }
}

/**
 * A bad template. `path` (e.g. `['read', 0]`) says where, when the error comes from a parsed
 * template's content: the CLI turns it into `<file>:<line>: ` before the message.
 */
export class TemplateError extends IamwrightError {
  readonly path: (string | number)[] | undefined;
  constructor(message: string, path?: (string | number)[]) {
    super(message);
    this.path = path;
  }
}

/** An ARN that does not parse. */
export class ArnError extends IamwrightError {}

/** A missing, malformed or unexpected dataset. */
export class DataError extends IamwrightError {}

/** Unknown service, action or resource type asked for by the user. */
export class LookupError extends IamwrightError {}

/** A bad collector configuration file: names the file and JSON path. */
export class ConfigError extends IamwrightError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** AWS refused or failed a call in a way the user must act on (credentials, permissions). */
export class AwsAccessError extends IamwrightError {}
