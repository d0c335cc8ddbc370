/**
 * Shopify's search syntax for the `query:` argument (shopify.dev "API search syntax"):
 * `field:value` terms joined by spaces (AND), `AND`, `OR`, `NOT`/`-` negation, parentheses,
 * comparators `:>`, `:>=`, `:<`, `:<=`, quoted values ('…' or "…"), `value*` prefixes, and free
 * text without a field. Each resource declares its fields; a field it does not know is ignored
 * (it matches everything) and reported in `extensions.search` as a warning, as Shopify does.
 */

export type Comparator = ':' | '>' | '>=' | '<' | '<=';

export type SearchNode =
  | { kind: 'and'; nodes: SearchNode[] }
  | { kind: 'or'; nodes: SearchNode[] }
  | { kind: 'not'; node: SearchNode }
  | { kind: 'term'; field: string | null; op: Comparator; value: string; prefix: boolean };

type Token = { type: 'lparen' | 'rparen' | 'or' | 'and' | 'not' } | { type: 'term'; negated: boolean; field: string | null; op: Comparator; value: string; prefix: boolean };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readValue = (): string => {
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, i + 1);
      const value = end === -1 ? text.slice(i + 1) : text.slice(i + 1, end);
      i = end === -1 ? text.length : end + 1;
      return value;
    }
    const start = i;
    while (i < text.length && !/[\s()]/.test(text[i]!)) i++;
    return text.slice(start, i);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(') {
      tokens.push({ type: 'lparen' });
      i++;
      continue;
    }
    if (c === ')') {
      tokens.push({ type: 'rparen' });
      i++;
      continue;
    }
    let negated = false;
    if (c === '-' && i + 1 < text.length && !/\s/.test(text[i + 1]!)) {
      negated = true;
      i++;
    }
    const fieldMatch = /^([A-Za-z_][\w.]*):(>=|<=|>|<)?/.exec(text.slice(i));
    let field: string | null = null;
    let op: Comparator = ':';
    if (fieldMatch) {
      field = fieldMatch[1]!.toLowerCase();
      op = (fieldMatch[2] as Comparator | undefined) ?? ':';
      i += fieldMatch[0].length;
    }
    let value = readValue();
    if (!field && !negated) {
      if (value === 'OR') {
        tokens.push({ type: 'or' });
        continue;
      }
      if (value === 'AND') {
        tokens.push({ type: 'and' });
        continue;
      }
      if (value === 'NOT') {
        tokens.push({ type: 'not' });
        continue;
      }
    }
    const prefix = value.endsWith('*') && !/^['"]/.test(value);
    if (prefix) value = value.slice(0, -1);
    tokens.push({ type: 'term', negated, field, op, value, prefix });
  }
  return tokens;
}

export function parseSearch(text: string | null | undefined): SearchNode | null {
  if (!text || !text.trim()) return null;
  const tokens = tokenize(text);
  let pos = 0;
  const parseOr = (): SearchNode => {
    const nodes = [parseAnd()];
    while (tokens[pos]?.type === 'or') {
      pos++;
      nodes.push(parseAnd());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'or', nodes };
  };
  const parseAnd = (): SearchNode => {
    const nodes: SearchNode[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos]!;
      if (t.type === 'rparen' || t.type === 'or') break;
      if (t.type === 'and') {
        pos++;
        continue;
      }
      nodes.push(parseUnary());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };
  };
  const parseUnary = (): SearchNode => {
    const t = tokens[pos]!;
    if (t.type === 'not') {
      pos++;
      return { kind: 'not', node: parseUnary() };
    }
    if (t.type === 'lparen') {
      pos++;
      const inner = parseOr();
      if (tokens[pos]?.type === 'rparen') pos++;
      return inner;
    }
    pos++;
    if (t.type !== 'term') return { kind: 'and', nodes: [] };
    const term: SearchNode = { kind: 'term', field: t.field, op: t.op, value: t.value, prefix: t.prefix };
    return t.negated ? { kind: 'not', node: term } : term;
  };
  return parseOr();
}

/** text: words, case-insensitive; keyword: whole value, case-insensitive; exact: whole value, case-sensitive. */
export type FieldKind = 'text' | 'keyword' | 'exact' | 'number' | 'date' | 'id' | 'boolean';

export interface SearchField<T> {
  kind: FieldKind;
  get: (item: T) => unknown;
  /** For filters like `tag_not:`, which match what the positive filter does not. */
  negate?: boolean;
}

export interface SearchWarning {
  field: string;
  message: string;
  code: string;
}

export interface Searcher<T> {
  matches(item: T): boolean;
  warnings: SearchWarning[];
  /** For index use: the bounds a `field:>x` style term puts on one field at the top level. */
  range(field: string): { min?: { value: number; inclusive: boolean }; max?: { value: number; inclusive: boolean } };
  /** For index use: the value of a top-level exact `field:value` term. */
  equals(field: string): string | undefined;
}

function parseDate(value: string): number | undefined {
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function parseIdValue(value: string): number | undefined {
  const match = /(\d+)$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

function compare(kind: FieldKind, actual: unknown, op: Comparator, wanted: string, prefix: boolean): boolean {
  if (actual === null || actual === undefined) return false;
  if (Array.isArray(actual)) return actual.some((a) => compare(kind, a, op, wanted, prefix));
  switch (kind) {
    case 'text': {
      const a = String(actual).toLowerCase();
      const w = wanted.toLowerCase();
      if (op !== ':') return op === '>' ? a > w : op === '>=' ? a >= w : op === '<' ? a < w : a <= w;
      return prefix ? a.startsWith(w) || a.split(/\s+/).some((word) => word.startsWith(w)) : a === w || a.split(/\s+/).includes(w);
    }
    case 'keyword': {
      const a = String(actual).toLowerCase();
      const w = wanted.toLowerCase();
      return prefix ? a.startsWith(w) : a === w;
    }
    case 'exact': {
      const a = String(actual);
      return prefix ? a.startsWith(wanted) : a === wanted;
    }
    case 'boolean':
      return String(actual) === wanted.toLowerCase();
    case 'number':
    case 'id':
    case 'date': {
      const a = Number(actual);
      const w = kind === 'date' ? parseDate(wanted) : kind === 'id' ? parseIdValue(wanted) : Number(wanted);
      if (w === undefined || Number.isNaN(w)) return false;
      switch (op) {
        case ':':
          // A date without a time matches the whole day.
          return kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(wanted) ? a >= w && a < w + 86_400_000 : a === w;
        case '>':
          return a > w;
        case '>=':
          return a >= w;
        case '<':
          return a < w;
        case '<=':
          return a <= w;
      }
    }
  }
  return false;
}

/** Compiles a query against a resource's fields. `defaultFields` are searched by free text. */
export function compileSearch<T>(text: string | null | undefined, fields: Record<string, SearchField<T>>, defaultFields: string[]): Searcher<T> {
  const root = parseSearch(text);
  const warnings: SearchWarning[] = [];
  const warned = new Set<string>();
  const evaluate = (node: SearchNode, item: T): boolean => {
    switch (node.kind) {
      case 'and':
        return node.nodes.every((n) => evaluate(n, item));
      case 'or':
        return node.nodes.some((n) => evaluate(n, item));
      case 'not':
        return !evaluate(node.node, item);
      case 'term': {
        if (node.field === null) {
          return defaultFields.some((name) => {
            const field = fields[name];
            return field ? compare('text', field.get(item), ':', node.value, true) : false;
          });
        }
        const field = fields[node.field];
        if (!field) return true;
        const result = compare(field.kind, field.get(item), node.op, node.value, node.prefix);
        return field.negate ? !result : result;
      }
    }
  };
  const collectUnknown = (node: SearchNode | null): void => {
    if (!node) return;
    if (node.kind === 'term') {
      if (node.field !== null && !fields[node.field] && !warned.has(node.field)) {
        warned.add(node.field);
        warnings.push({ field: node.field, message: 'Invalid search field for this query.', code: 'invalid_field' });
      }
    } else if (node.kind === 'not') collectUnknown(node.node);
    else node.nodes.forEach(collectUnknown);
  };
  collectUnknown(root);
  const topTerms = (): SearchNode[] => (!root ? [] : root.kind === 'and' ? root.nodes : [root]);
  return {
    warnings,
    matches: (item) => (root ? evaluate(root, item) : true),
    range: (name) => {
      const out: ReturnType<Searcher<T>['range']> = {};
      const kind = fields[name]?.kind;
      for (const t of topTerms()) {
        if (t.kind !== 'term' || t.field !== name) continue;
        const value = kind === 'date' ? parseDate(t.value) : kind === 'id' ? parseIdValue(t.value) : Number(t.value);
        if (value === undefined || Number.isNaN(value)) continue;
        if (t.op === '>' || t.op === '>=') out.min = { value, inclusive: t.op === '>=' };
        if (t.op === '<' || t.op === '<=') out.max = { value, inclusive: t.op === '<=' };
      }
      return out;
    },
    equals: (name) => {
      for (const t of topTerms()) if (t.kind === 'term' && t.field === name && t.op === ':' && !t.prefix) return t.value;
      return undefined;
    },
  };
}
