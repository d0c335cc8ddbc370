/**
 * NetSuite's errors, one factory per real error code with the message NetSuite shows. Scripts see
 * them as SuiteScriptError objects (`{type: 'error.SuiteScriptError', name, message, stack[], cause,
 * id, notifyOff, userFacing}`, the shape JSON.stringify gives on NetSuite); the sandbox throws
 * `SuiteScriptError` instances, and script runtimes turn them into objects of the script's own realm.
 *
 * Where a message is not confirmed by a public source it says so in docs/sandbox.md ("Errors").
 */

export interface SerializedSuiteScriptError {
  type: 'error.SuiteScriptError';
  name: string;
  message: string;
  stack: string[];
  cause: { name: string; message: string; notifyOff?: boolean };
  id: string;
  notifyOff: boolean;
  userFacing: boolean;
}

export class SuiteScriptError extends Error {
  readonly type = 'error.SuiteScriptError';
  readonly id: string;
  readonly notifyOff: boolean;
  readonly userFacing: boolean;

  constructor(name: string, message: string, options: { id?: string; notifyOff?: boolean; userFacing?: boolean } = {}) {
    super(message);
    this.name = name;
    this.id = options.id ?? '';
    this.notifyOff = options.notifyOff ?? false;
    this.userFacing = options.userFacing ?? true;
  }

  toJSON(): SerializedSuiteScriptError {
    return serializeError(this);
  }
}

/** A sandbox-only failure: the script used something the sandbox cannot vouch for (an unknown id …). */
export class SandboxError extends SuiteScriptError {}

export function serializeError(e: { name: string; message: string; id?: string; notifyOff?: boolean; userFacing?: boolean; stack?: unknown }): SerializedSuiteScriptError {
  const stack = Array.isArray(e.stack)
    ? e.stack.map(String)
    : typeof e.stack === 'string'
      ? e.stack
          .split('\n')
          .slice(1)
          .map((l) => l.trim())
          .filter((l) => !/sandbox[\\/]netsuite|node_modules|node:internal|\(node:|^at new Promise|<anonymous>/.test(l))
          .slice(0, 5)
      : [];
  return {
    type: 'error.SuiteScriptError',
    name: e.name,
    message: e.message,
    stack,
    cause: { name: e.name, message: e.message },
    id: e.id ?? '',
    notifyOff: e.notifyOff ?? false,
    userFacing: e.userFacing ?? true,
  };
}

/**
 * Any thrown value as a SuiteScriptError: SuiteScriptErrors (from any realm) keep their name and
 * message; JavaScript errors keep theirs (`TypeError` …); anything else becomes its string.
 */
export function asSuiteScriptError(thrown: unknown): SuiteScriptError {
  if (thrown instanceof SuiteScriptError) return thrown;
  if (thrown && typeof thrown === 'object') {
    const o = thrown as { name?: unknown; message?: unknown; id?: unknown; notifyOff?: unknown; userFacing?: unknown; stack?: unknown };
    const name = typeof o.name === 'string' && o.name ? o.name : 'Error';
    const message = typeof o.message === 'string' ? o.message : String(o.message ?? thrown);
    const e = new SuiteScriptError(name, message, {
      id: typeof o.id === 'string' ? o.id : undefined,
      notifyOff: o.notifyOff === true,
      userFacing: o.userFacing !== false,
    });
    if (typeof o.stack === 'string') e.stack = o.stack;
    return e;
  }
  return new SuiteScriptError('Error', String(thrown));
}

export const errors = {
  missingArgument: (method: string, argument: string) =>
    new SuiteScriptError('SSS_MISSING_REQD_ARGUMENT', `${method}: Missing a required argument: ${argument}`),
  invalidTypeArgument: (method: string, argument: string, expected: string) =>
    new SuiteScriptError('SSS_INVALID_TYPE_ARG', `${method}: The ${argument} argument must be of type ${expected}.`),
  recordDoesNotExist: () => new SuiteScriptError('RCRD_DSNT_EXIST', 'That record does not exist.'),
  recordChanged: () => new SuiteScriptError('RCRD_HAS_BEEN_CHANGED', 'Record has been changed'),
  duplicateRecord: () => new SuiteScriptError('DUP_RCRD', 'This record already exists'),
  invalidFieldValue: (value: unknown, fieldId: string) =>
    new SuiteScriptError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(value)} for the following field: ${fieldId}`),
  mandatoryFields: (labels: string[]) => new SuiteScriptError('USER_ERROR', `Please enter value(s) for: ${labels.join(', ')}`),
  invalidReference: (fieldId: string, value: unknown) =>
    new SuiteScriptError('INVALID_KEY_OR_REF', `Invalid ${fieldId} reference key ${String(value)}.`),
  invalidSublistOperation: () =>
    new SuiteScriptError(
      'SSS_INVALID_SUBLIST_OPERATION',
      'You have attempted an invalid sublist or line item operation. You are either trying to access a field on a non-existent line or you are trying to add or remove lines from a static sublist.',
    ),
  invalidRecordType: (type: string) => new SuiteScriptError('INVALID_RCRD_TYPE', `The record type [${type.toUpperCase()}] is invalid.`),
  invalidTransform: () =>
    new SuiteScriptError(
      'INVALID_RCRD_TRANSFRM',
      'That type of record transformation is not allowed. Please see the documentation for a list of supported transformation types',
    ),
  invalidInitializeRef: (toType: string, id: string | number) =>
    new SuiteScriptError('INVALID_INITIALIZE_REF', `You can not initialize ${toType}: invalid reference ${id}.`),
  cannotCreateDirectly: (type: string) =>
    new SuiteScriptError('INVALID_RCRD_INITIALIZE', `You have entered an invalid default value for this record initialize operation. ${type} records can only be created by transforming another record.`),
  usageLimitExceeded: () => new SuiteScriptError('SSS_USAGE_LIMIT_EXCEEDED', 'Script Execution Usage Limit Exceeded'),
  requestTimeExceeded: () =>
    new SuiteScriptError('SSS_REQUEST_TIME_EXCEEDED', 'The host you are trying to connect to has exceeded the maximum allowed response time.'),
  unknownHost: () => new SuiteScriptError('SSS_UNKNOWN_HOST', 'The host you requested is unknown or cannot be found.'),
  connectionClosed: (detail: string) => new SuiteScriptError('SSS_CONNECTION_CLOSED', `The connection was closed by the remote host: ${detail}`),
  invalidUrl: () => new SuiteScriptError('SSS_INVALID_URL', 'The URL must be a fully qualified HTTPS URL.'),
  invalidHeader: (name: string) => new SuiteScriptError('SSS_INVALID_HEADER', `The header ${name} is invalid.`),
  unknownSecret: (id: string) => new SuiteScriptError('INVALID_SECRET_KEY', `The secret ${id} does not exist or this script is not allowed to use it.`),
  searchError: (detail: string) => new SuiteScriptError('SSS_SEARCH_ERROR_OCCURRED', `Search error occurred: ${detail}`),
  invalidPageSize: () => new SuiteScriptError('INVALID_PAGE_SIZE', 'The page size must be between 5 and 1000.'),
  invalidPageRange: () => new SuiteScriptError('INVALID_PAGE_RANGE', 'The page index is out of range.'),
  mapReduceAlreadyRunning: (scriptId: string, deploymentId: string) =>
    new SuiteScriptError('MAP_REDUCE_ALREADY_RUNNING', `Map/Reduce script ${scriptId} with deployment ${deploymentId} is already running.`),
  failedToSubmitJob: (status: string) => new SuiteScriptError('FAILED_TO_SUBMIT_JOB_REQUEST_1', `Failed to submit job request: ${status}`),
  noDeploymentsAvailable: (scriptId: string) =>
    new SuiteScriptError('NO_DEPLOYMENTS_AVAILABLE', `No deployments of ${scriptId} are available to run this task.`),
  invalidTaskType: () => new SuiteScriptError('INVALID_TASK_TYPE', 'The task type is invalid.'),
  invalidScriptId: (id: string) => new SuiteScriptError('SSS_INVALID_SCRIPT_ID_1', `The script ID ${id} is invalid.`),
  keyTooLong: () => new SuiteScriptError('KEY_LENGTH_IS_OVER_3000_BYTES', 'The key is longer than 3000 bytes.'),
  valueTooLong: () => new SuiteScriptError('VALUE_LENGTH_IS_OVER_10_MB', 'The value is longer than 10 MB.'),
  appServerRestart: () =>
    new SuiteScriptError('SSS_APP_SERVER_RESTART', 'The application server was restarted while this key was being processed.'),
  invalidEncoding: (encoding: string) => new SuiteScriptError('INVALID_ENCODING', `The encoding ${encoding} is not supported.`),
  invalidAlgorithm: (algorithm: string) => new SuiteScriptError('INVALID_ALGORITHM', `The algorithm ${algorithm} is not supported.`),
  invalidReturnDataFormat: (expected: string) =>
    new SuiteScriptError('INVALID_RETURN_DATA_FORMAT', `Invalid data format. You should return ${expected}.`),
  invalidCacheName: () => new SuiteScriptError('SSS_CACHE_NAME_TOO_LONG', 'The cache name must be 1 to 1024 characters long.'),
  /** Sandbox-only: an id the dictionary of real NetSuite ids (or the project's Objects/) does not have. */
  unknownId: (what: string) => new SandboxError('SANDBOX_UNKNOWN_ID', what),
  /** Sandbox-only: a feature of the real API this sandbox does not implement; better loud than wrong. */
  unsupported: (what: string) => new SandboxError('SANDBOX_UNSUPPORTED', `${what} is not implemented by the local NetSuite account.`),
};
