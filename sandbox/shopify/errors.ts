/**
 * Shopify's error shapes, one function per error the stand-in can send, each with the wording and
 * code the real Admin API uses. Sources: responses captured from real stores (status and body),
 * graphql-ruby's messages (Shopify runs graphql-ruby), and shopify.dev. Where the real text is not
 * known the function says so.
 */
import { GraphQLError, Lexer, Source, TokenKind, getLocation } from 'graphql';

export interface ShopifyGraphQLError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** HTTP 401 for a missing or wrong X-Shopify-Access-Token (REST and GraphQL alike). */
export const UNAUTHORIZED_BODY = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };

/** HTTP 404 for a path that is not a route, which includes an API version that does not exist. */
export const NOT_FOUND_BODY = { errors: 'Not Found' };

/**
 * HTTP 400 for a request body that is not JSON or has no `query`. Rails' parameter error; the
 * exact text Shopify sends for a non-JSON body is not verified.
 */
export const BAD_REQUEST_BODY = { errors: { query: 'Required parameter missing or invalid' } };

export const RATE_LIMITS_DOC = 'https://shopify.dev/api/usage/rate-limits';

/** The single error of a THROTTLED response (HTTP 200; the body has no `data`). */
export function throttledError(): ShopifyGraphQLError {
  return { message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_LIMITS_DOC } };
}

/** A document whose requested cost exceeds the single-query maximum (checked before execution). */
export function maxCostExceededError(cost: number, maxCost: number): ShopifyGraphQLError {
  return {
    message:
      `Query cost is ${cost}, which exceeds the single query max cost limit (${maxCost}).\n\n` +
      'See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n' +
      'cost of a query is calculated.\n\n' +
      'To query larger amounts of data with fewer limits, bulk operations should be used instead.\n' +
      'See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n',
    extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost, documentation: 'https://shopify.dev/api/usage/limits#rate-limits' },
  };
}

/** An input array longer than allowed (250 unless the field documents another limit). */
export function maxInputSizeError(size: number, limit: number, locations: ShopifyGraphQLError['locations'], path: (string | number)[]): ShopifyGraphQLError {
  return {
    message: `The input array size of ${size} is greater than the maximum allowed of ${limit}.`,
    locations,
    path,
    extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' },
  };
}

/**
 * A syntax error. graphql-ruby words these "syntax error, unexpected <token> at [line, col]";
 * graphql-js's parser knows the token but words it differently, so the token is translated.
 */
export function parseError(error: GraphQLError, query: string): ShopifyGraphQLError {
  const found = /found (.+?)\.?$/.exec(error.message)?.[1] ?? '';
  // graphql-ruby places "unexpected end of file" at the last token read, not past it.
  const position = found === '<EOF>' ? lastTokenLocation(query) : (error.locations?.[0] ?? (error.source && error.positions?.[0] !== undefined ? getLocation(error.source, error.positions[0]) : { line: 1, column: 1 }));
  const token = found === '<EOF>' ? 'end of file' : found.replace(/^"(.*)"$/, '$1');
  const tokenText = token === 'end of file' || token === '' ? token || 'token' : rubyTokenName(token);
  return {
    message: `syntax error, unexpected ${tokenText} at [${position.line}, ${position.column}]`,
    locations: [{ line: position.line, column: position.column }],
    extensions: { code: 'PARSE_ERROR' },
  };
}

function lastTokenLocation(query: string): { line: number; column: number } {
  const lexer = new Lexer(new Source(query));
  let last = { line: 1, column: 1 };
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) last = { line: token.line, column: token.column };
  } catch {
    // A lexing error: keep the last good token.
  }
  return last;
}

const PUNCTUATION: Record<string, string> = {
  '{': 'LCURLY', '}': 'RCURLY', '(': 'LPAREN', ')': 'RPAREN', '[': 'LBRACKET', ']': 'RBRACKET', ':': 'COLON', '=': 'EQUALS', '!': 'BANG', $: 'VAR_SIGN', '...': 'ELLIPSIS', '@': 'DIR_SIGN', '|': 'PIPE', '&': 'AMP',
};

function rubyTokenName(token: string): string {
  const name = PUNCTUATION[token];
  if (name) return `${name} ("${token}")`;
  if (/^Name "(.*)"$/.test(token)) return `IDENTIFIER ("${token.slice(6, -1)}")`;
  if (/^Int "(.*)"$/.test(token)) return `INT ("${token.slice(5, -1)}")`;
  if (/^String /.test(token)) return `STRING (${token.slice(7)})`;
  return token;
}

export const MULTIPLE_OPERATIONS_ERROR: ShopifyGraphQLError = { message: 'An operation name is required' };

export function unknownOperationError(name: string): ShopifyGraphQLError {
  return { message: `No operation named "${name}"` };
}

/** Required by Shopify on every connection field. */
export function missingPageSizeError(locations: ShopifyGraphQLError['locations'], path: readonly (string | number)[]): ShopifyGraphQLError {
  return { message: 'you must provide one of first or last', locations, extensions: { code: 'BAD_REQUEST' }, path: [...path] };
}

/**
 * The stand-in answers root fields it does not implement with this error instead of null data, so
 * a client never mistakes "not modelled here" for "nothing there".
 */
export function notImplementedError(typeName: string, fieldName: string, locations: ShopifyGraphQLError['locations'], path: (string | number)[]): ShopifyGraphQLError {
  return {
    message: `${typeName}.${fieldName} is not implemented by the local Shopify store (sandbox/shopify). Add it there, or avoid it.`,
    locations,
    path,
    extensions: { code: 'NOT_IMPLEMENTED_IN_SANDBOX', typeName, fieldName },
  };
}

/**
 * Thrown by a resolver to fail the whole field with a top-level error (like Shopify's
 * BAD_REQUEST argument errors), as opposed to a mutation's userErrors.
 */
export class ShopifyFieldError extends GraphQLError {
  constructor(message: string, code: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/**
 * A mutation user error. Plain `UserError` has no `code` field; the typed ones do. Carrying
 * `code: null` on both is harmless: a client can only select what its payload type declares.
 */
export interface UserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

export function userError(field: (string | number)[] | null, message: string, code?: string): UserError {
  return { field: field ? field.map(String) : null, message, code: code ?? null };
}
