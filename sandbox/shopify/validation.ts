/**
 * Static validation with Shopify's error shapes. graphql-js decides *whether* a document is
 * valid (its rules are the spec's); this module rewrites each error into what Shopify's
 * graphql-ruby server sends for the same mistake: message wording, `locations`, a `path` that
 * starts with "query Name"/"mutation Name", and `extensions.code` (undefinedField,
 * argumentNotAccepted, missingRequiredArguments, argumentLiteralsIncompatible, ...). Wording and
 * codes follow graphql-ruby's static_validation rules and responses captured from real stores.
 * Validation failures carry no `data` and no `extensions.cost`, as captured from Shopify.
 */
import {
  type GraphQLError,
  Kind,
  TypeInfo,
  getLocation,
  getNamedType,
  isUnionType,
  print,
  specifiedRules,
  validate,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type GraphQLType,
  type ValidationRule,
} from 'graphql';
import type { ShopifyGraphQLError } from './errors';

type PathSegment = string | number;

/** Facts about AST nodes gathered in one pass, to rebuild graphql-ruby's view of each error. */
class DocumentIndex {
  readonly parents = new Map<ASTNode, ASTNode>();
  readonly listIndex = new Map<ASTNode, number>();
  /** For Argument and ObjectField nodes: their expected input type, and what they belong to. */
  readonly inputs = new Map<ASTNode, { type: GraphQLType | undefined; owner: string; ownerKind: 'Field' | 'Directive' | 'InputObject' }>();

  constructor(schema: GraphQLSchema, document: DocumentNode) {
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        enter: (node, key, parent, _path, ancestors) => {
          // graphql-js passes the containing array as `parent` for list items; the owning node is then the last ancestor.
          const nodeAncestors = ancestors.filter((a) => !Array.isArray(a)) as ASTNode[];
          const parentNode = Array.isArray(parent) ? nodeAncestors[nodeAncestors.length - 1] : (parent as ASTNode | undefined);
          if (parentNode) this.parents.set(node, parentNode);
          if (Array.isArray(parent) && typeof key === 'number') this.listIndex.set(node, key);
          if (node.kind === Kind.ARGUMENT) {
            const directive = typeInfo.getDirective();
            const fieldNode = parentNode && parentNode.kind === Kind.FIELD ? parentNode : undefined;
            this.inputs.set(node, {
              type: typeInfo.getArgument()?.type,
              owner: directive ? directive.name : fieldNode ? (fieldNode.alias?.value ?? fieldNode.name.value) : '',
              ownerKind: directive ? 'Directive' : 'Field',
            });
          } else if (node.kind === Kind.OBJECT_FIELD) {
            const parentType = typeInfo.getParentInputType();
            this.inputs.set(node, { type: typeInfo.getInputType() ?? undefined, owner: parentType ? getNamedType(parentType).name : '', ownerKind: 'InputObject' });
          }
        },
      }),
    );
  }

  parent(node: ASTNode): ASTNode | undefined {
    return this.parents.get(node);
  }

  /** graphql-ruby's error path: operation or fragment, then field aliases, arguments, input fields. */
  path(node: ASTNode): PathSegment[] {
    const chain: ASTNode[] = [];
    for (let n: ASTNode | undefined = node; n; n = this.parents.get(n)) chain.unshift(n);
    const path: PathSegment[] = [];
    for (const n of chain) {
      switch (n.kind) {
        case Kind.OPERATION_DEFINITION:
          path.push(`${n.operation}${n.name ? ` ${n.name.value}` : ''}`);
          break;
        case Kind.FRAGMENT_DEFINITION:
          path.push(`fragment ${n.name.value}`);
          break;
        case Kind.FIELD:
          path.push(n.alias?.value ?? n.name.value);
          break;
        case Kind.ARGUMENT:
        case Kind.OBJECT_FIELD:
          path.push(n.name.value);
          break;
        case Kind.INLINE_FRAGMENT:
          path.push(n.typeCondition ? `... on ${n.typeCondition.name.value}` : '...');
          break;
        case Kind.FRAGMENT_SPREAD:
          path.push(`... ${n.name.value}`);
          break;
        case Kind.OBJECT: {
          const index = this.listIndex.get(n);
          const parent = this.parents.get(n);
          if (index !== undefined && parent?.kind === Kind.LIST) path.push(index);
          break;
        }
        default:
          break;
      }
    }
    return path;
  }

  /** The nearest enclosing Argument or ObjectField of a value node. */
  holder(node: ASTNode): ASTNode | undefined {
    for (let n: ASTNode | undefined = node; n; n = this.parents.get(n)) {
      if (n.kind === Kind.ARGUMENT || n.kind === Kind.OBJECT_FIELD) return n;
    }
    return undefined;
  }

  operationOf(node: ASTNode): ASTNode | undefined {
    for (let n: ASTNode | undefined = node; n; n = this.parents.get(n)) {
      if (n.kind === Kind.OPERATION_DEFINITION || n.kind === Kind.FRAGMENT_DEFINITION) return n;
    }
    return undefined;
  }
}

export function location(node: ASTNode | undefined): { line: number; column: number }[] {
  const loc = node?.loc;
  if (!loc) return [];
  const { line, column } = getLocation(loc.source, loc.start);
  return [{ line, column }];
}

function typeSignature(type: GraphQLType | undefined): string {
  return type ? String(type) : 'unknown';
}

function operationLabel(node: ASTNode | undefined): string {
  if (node?.kind === Kind.OPERATION_DEFINITION) return node.name ? node.name.value : `anonymous ${node.operation}`;
  if (node?.kind === Kind.FRAGMENT_DEFINITION) return node.name.value;
  return 'anonymous query';
}

function base(message: string, node: ASTNode | undefined, path: PathSegment[] | undefined, extensions: Record<string, unknown>): ShopifyGraphQLError {
  const error: ShopifyGraphQLError = { message, locations: location(node) };
  if (path) error.path = path;
  error.extensions = extensions;
  return error;
}

type Mapper = (error: GraphQLError, index: DocumentIndex, schema: GraphQLSchema, seen: Set<ASTNode>) => ShopifyGraphQLError | undefined;

const MAPPERS: Record<string, Mapper> = {
  FieldsOnCorrectTypeRule: (error, index, schema) => {
    const node = error.nodes?.[0];
    const match = /^Cannot query field "(.+?)" on type "(.+?)"\./.exec(error.message);
    if (!node || !match) return undefined;
    const [, fieldName, typeName] = match as unknown as [string, string, string];
    if (isUnionType(schema.getType(typeName))) {
      const parent = index.parent(node);
      return base(`Selections can't be made directly on unions (see selections on ${typeName})`, parent, index.path(node).slice(0, -1), { code: 'selectionMismatch', nodeName: typeName });
    }
    return base(`Field '${fieldName}' doesn't exist on type '${typeName}'`, node, index.path(node), { code: 'undefinedField', typeName, fieldName });
  },

  KnownArgumentNamesRule: (error, index) => {
    const node = error.nodes?.[0];
    if (!node || node.kind !== Kind.ARGUMENT) return undefined;
    const parent = index.parent(node);
    if (parent?.kind === Kind.DIRECTIVE) {
      return base(`Directive '${parent.name.value}' doesn't accept argument '${node.name.value}'`, node, index.path(node), {
        code: 'argumentNotAccepted', name: parent.name.value, typeName: 'Directive', argumentName: node.name.value,
      });
    }
    const fieldName = parent?.kind === Kind.FIELD ? (parent.alias?.value ?? parent.name.value) : '';
    return base(`Field '${fieldName}' doesn't accept argument '${node.name.value}'`, node, index.path(node), {
      code: 'argumentNotAccepted', name: fieldName, typeName: 'Field', argumentName: node.name.value,
    });
  },

  ProvidedRequiredArgumentsRule: (error, index, _schema, seen) => {
    const node = error.nodes?.[0];
    if (!node || (node.kind !== Kind.FIELD && node.kind !== Kind.DIRECTIVE)) return undefined;
    if (seen.has(node)) return undefined;
    seen.add(node);
    // graphql-js reports one error per missing argument; graphql-ruby one per field, listing all.
    const missing = requiredArgumentsMissing(error, node);
    const className = node.kind === Kind.FIELD ? 'Field' : 'Directive';
    return base(`${className} '${node.name.value}' is missing required arguments: ${missing.join(', ')}`, node, index.path(node), {
      code: 'missingRequiredArguments', className, name: node.name.value, arguments: missing.join(', '),
    });
  },

  ValuesOfCorrectTypeRule: (error, index, _schema, seen) => {
    const node = error.nodes?.[0];
    if (!node) return undefined;
    const missing = /^Field "(.+?)\.(.+?)" of required type "(.+?)" was not provided\./.exec(error.message);
    if (missing && node.kind === Kind.OBJECT) {
      const [, inputObjectType, argumentName, argumentType] = missing as unknown as [string, string, string, string];
      return base(`Argument '${argumentName}' on InputObject '${inputObjectType}' is required. Expected type ${argumentType}`, node, [...index.path(node), argumentName], {
        code: 'missingRequiredInputObjectAttribute', argumentName, argumentType, inputObjectType,
      });
    }
    const undefinedField = /^Field "(.+?)" is not defined by type "(.+?)"\./.exec(error.message);
    if (undefinedField && node.kind === Kind.OBJECT_FIELD) {
      const [, fieldName, typeName] = undefinedField as unknown as [string, string, string];
      return base(`InputObject '${typeName}' doesn't accept argument '${fieldName}'`, node, index.path(node), {
        code: 'argumentNotAccepted', name: typeName, typeName: 'InputObject', argumentName: fieldName,
      });
    }
    const holder = index.holder(node);
    if (!holder || seen.has(holder) || (holder.kind !== Kind.ARGUMENT && holder.kind !== Kind.OBJECT_FIELD)) return undefined;
    seen.add(holder);
    const info = index.inputs.get(holder);
    const owner = index.parent(holder);
    const ownerKind = info?.ownerKind ?? 'Field';
    const valueText = print(holder.value);
    return base(
      `Argument '${holder.name.value}' on ${ownerKind} '${info?.owner ?? ''}' has an invalid value (${valueText}). Expected type '${typeSignature(info?.type)}'.`,
      owner,
      index.path(holder),
      { code: 'argumentLiteralsIncompatible', typeName: ownerKind, argumentName: holder.name.value },
    );
  },

  NoUndefinedVariablesRule: (error, index) => {
    const node = error.nodes?.[0];
    const match = /^Variable "\$(.+?)" is not defined/.exec(error.message);
    if (!node || !match) return undefined;
    const name = match[1]!;
    return base(`Variable $${name} is used by ${operationLabel(index.operationOf(node))} but not declared`, node, index.path(node), {
      code: 'variableNotDefined', variableName: name,
    });
  },

  NoUnusedVariablesRule: (error, index) => {
    const node = error.nodes?.[0];
    const match = /^Variable "\$(.+?)" is never used/.exec(error.message);
    if (!node || !match) return undefined;
    const operation = index.operationOf(node);
    return base(`Variable $${match[1]} is declared by ${operationLabel(operation)} but not used`, operation, operation ? index.path(operation) : [], {
      code: 'variableNotUsed', variableName: match[1],
    });
  },

  VariablesInAllowedPositionRule: (error, index) => {
    const match = /^Variable "\$(.+?)" of type "(.+?)" used in position expecting type "(.+?)"\./.exec(error.message);
    const usage = error.nodes?.[1] ?? error.nodes?.[0];
    if (!match || !usage) return undefined;
    const [, name, varType, argType] = match as unknown as [string, string, string, string];
    const holder = index.holder(usage);
    const argumentName = holder && (holder.kind === Kind.ARGUMENT || holder.kind === Kind.OBJECT_FIELD) ? holder.name.value : '';
    const named = (s: string) => s.replace(/[[\]!]/g, '');
    const depth = (s: string) => (s.match(/\[/g) ?? []).length;
    const kind = named(varType) !== named(argType) ? 'Type mismatch' : depth(varType) !== depth(argType) ? 'List dimension mismatch' : 'Nullability mismatch';
    return base(`${kind} on variable $${name} and argument ${argumentName} (${varType} / ${argType})`, holder, holder ? index.path(holder) : [], {
      code: 'variableMismatch', variableName: name, typeName: varType, argumentName, errorMessage: kind,
    });
  },

  ScalarLeafsRule: (error, index) => {
    const reported = error.nodes?.[0];
    // graphql-js reports a scalar's unwanted selection on the selection set, not the field.
    const node = reported?.kind === Kind.SELECTION_SET ? index.parent(reported) : reported;
    if (!node || node.kind !== Kind.FIELD) return undefined;
    const needsSelection = /^Field "(.+?)" of type "(.+?)" must have a selection of subfields/.exec(error.message);
    if (needsSelection) {
      const typeName = needsSelection[2]!.replace(/[[\]!]/g, '');
      return base(
        `Field must have selections (field '${node.name.value}' returns ${typeName} but has no selections. Did you mean '${node.name.value} { ... }'?)`,
        node,
        index.path(node),
        { code: 'selectionMismatch', nodeName: `field '${node.name.value}'`, typeName },
      );
    }
    const noSelection = /^Field "(.+?)" must not have a selection since type "(.+?)" has no subfields/.exec(error.message);
    if (noSelection) {
      const typeName = noSelection[2]!.replace(/[[\]!]/g, '');
      const selections = (node.selectionSet?.selections ?? []).map((s) =>
        s.kind === Kind.INLINE_FRAGMENT ? `"... on ${s.typeCondition?.name.value ?? ''} { ... }"` : `"${s.name.value}"`,
      );
      return base(
        `Selections can't be made on scalars (field '${node.name.value}' returns ${typeName} but has selections [${selections.join(', ')}])`,
        node,
        index.path(node),
        { code: 'selectionMismatch', nodeName: `field '${node.name.value}'`, typeName },
      );
    }
    return undefined;
  },

  KnownTypeNamesRule: (error, index) => {
    const node = error.nodes?.[0];
    const match = /^Unknown type "(.+?)"/.exec(error.message);
    if (!node || !match) return undefined;
    const parent = index.parent(node);
    const inVariable = parent && (parent.kind === Kind.VARIABLE_DEFINITION || parent.kind === Kind.LIST_TYPE || parent.kind === Kind.NON_NULL_TYPE);
    if (inVariable) {
      let definition: ASTNode | undefined = parent;
      while (definition && definition.kind !== Kind.VARIABLE_DEFINITION) definition = index.parent(definition);
      const variableName = definition?.kind === Kind.VARIABLE_DEFINITION ? definition.variable.name.value : '';
      return base(`${match[1]} isn't a defined input type (on $${variableName})`, definition, index.path(definition ?? node), {
        code: 'variableRequiresValidType', typeName: match[1], variableName,
      });
    }
    return base(`No such type ${match[1]}, so it can't be a fragment condition`, parent, index.path(parent ?? node), { code: 'undefinedType', typeName: match[1] });
  },

  KnownDirectivesRule: (error, index) => {
    const node = error.nodes?.[0];
    const unknown = /^Unknown directive "@(.+?)"/.exec(error.message);
    if (node && unknown) return base(`Directive @${unknown[1]} is not defined`, node, index.path(node), { code: 'undefinedDirective', directiveName: unknown[1] });
    return undefined;
  },

  KnownFragmentNamesRule: (error, index) => {
    const node = error.nodes?.[0];
    const match = /^Unknown fragment "(.+?)"/.exec(error.message);
    if (!node || !match) return undefined;
    return base(`Fragment ${match[1]} was used, but not defined`, node, index.path(node), { code: 'useAndDefineFragment', fragmentName: match[1] });
  },

  NoUnusedFragmentsRule: (error, index) => {
    const node = error.nodes?.[0];
    const match = /^Fragment "(.+?)" is never used/.exec(error.message);
    if (!node || !match) return undefined;
    return base(`Fragment ${match[1]} was defined, but not used`, node, index.path(node), { code: 'useAndDefineFragment', fragmentName: match[1] });
  },
};

function requiredArgumentsMissing(error: GraphQLError, node: ASTNode): string[] {
  // Re-derive every missing argument of this node from the sibling errors' messages.
  const all = (error as GraphQLError & { __siblings?: readonly GraphQLError[] }).__siblings ?? [error];
  const names: string[] = [];
  for (const e of all) {
    if (e.nodes?.[0] !== node) continue;
    const match = /argument "(.+?)" of type/.exec(e.message);
    if (match && !names.includes(match[1]!)) names.push(match[1]!);
  }
  return names;
}

/**
 * Validates a parsed document against the version's schema and returns Shopify-shaped errors,
 * empty when the document is valid.
 */
export function validateDocument(schema: GraphQLSchema, document: DocumentNode): ShopifyGraphQLError[] {
  if (validate(schema, document).length === 0) return [];
  const index = new DocumentIndex(schema, document);
  const errors: ShopifyGraphQLError[] = [];
  for (const rule of specifiedRules as readonly ValidationRule[]) {
    const ruleErrors = validate(schema, document, [rule]);
    const seen = new Set<ASTNode>();
    for (const error of ruleErrors) {
      (error as GraphQLError & { __siblings?: readonly GraphQLError[] }).__siblings = ruleErrors;
      const mapper = MAPPERS[rule.name];
      const mapped = mapper ? mapper(error, index, schema, seen) : undefined;
      if (mapped) errors.push(mapped);
      else if (!mapper) errors.push(generic(error));
    }
  }
  return errors;
}

/** Errors without a graphql-ruby counterpart worth imitating keep graphql-js's wording. */
function generic(error: GraphQLError): ShopifyGraphQLError {
  return {
    message: error.message,
    locations: (error.locations ?? []).map(({ line, column }) => ({ line, column })),
    extensions: { code: 'validationError' },
  };
}
