/**
 * A GraphQL operation the bundle sends: its document (one .graphql file under operations/), its
 * name, kind, the requested cost declared in its `# cost: N` header (checked against Shopify's
 * rules by test/contract), and whether resending it is safe.
 */
export interface Operation<TData = unknown, TVariables = Record<string, unknown>> {
  readonly name: string;
  readonly kind: 'query' | 'mutation';
  readonly document: string;
  /** Requested cost (upper bound) by Shopify's rules, for pacing before the call. */
  readonly cost: number;
  /**
   * Safe to send again after an unknown outcome (timeout, reset, 5xx): every query, and mutations
   * carrying an `@idempotent` key. Others are retried only when Shopify surely did not run them.
   */
  readonly resendable: boolean;
  /** Phantom fields so that TypeScript carries the result and variable types. */
  readonly __data?: TData;
  readonly __variables?: TVariables;
}

export function defineOperation<TData, TVariables = Record<string, unknown>>(document: string): Operation<TData, TVariables> {
  const head = /^\s*(query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/m.exec(document.replace(/^\s*#.*$/gm, ''));
  if (!head) throw new Error(`GraphQL document has no named query or mutation:\n${document.slice(0, 200)}`);
  const cost = /^#\s*cost:\s*(\d+)\s*$/m.exec(document);
  if (!cost) throw new Error(`${head[2]}: the document must declare its requested cost in a "# cost: N" header`);
  const kind = head[1] as 'query' | 'mutation';
  return {
    name: head[2],
    kind,
    document,
    cost: Number(cost[1]),
    resendable: kind === 'query' || /@idempotent\s*\(/.test(document),
  };
}
