/**
 * Wrong documents fail the way Shopify fails them. The expected bodies below are responses
 * captured from a real store (2025-01 and 2026-04 Admin API) and published as conformance
 * fixtures by github.com/airhorns/shopify-draft-proxy (fixtures/conformance/.../admin-platform/
 * graphql-base-validation-unhappy-paths.json and the B2B/customer fixtures); the queries are the
 * captured ones, character for character, so line and column numbers match.
 */
import { createShopifyStore } from '../../../sandbox/shopify/store';
import { acmeShop } from './fixtures';

describe('validation errors in Shopify\'s shape', () => {
  const store = createShopifyStore({ shops: [acmeShop()] });
  const ask = (query: string, variables?: Record<string, unknown>) => store.graphql({ query, variables }).then((r) => ({ status: r.status, body: r.body }));

  it('rejects an unknown root field (captured)', async () => {
    const query = 'query GraphqlBaseValidationUnknownQueryRoot {\n  definitelyNotAShopifyQueryRoot {\n    id\n  }\n}\n';
    expect(await ask(query)).toEqual({
      status: 200,
      body: {
        errors: [
          {
            message: "Field 'definitelyNotAShopifyQueryRoot' doesn't exist on type 'QueryRoot'",
            locations: [{ line: 2, column: 3 }],
            path: ['query GraphqlBaseValidationUnknownQueryRoot', 'definitelyNotAShopifyQueryRoot'],
            extensions: { code: 'undefinedField', typeName: 'QueryRoot', fieldName: 'definitelyNotAShopifyQueryRoot' },
          },
        ],
      },
    });
  });

  it('rejects an unknown field on a connection node (captured)', async () => {
    const query = 'query GraphqlBaseValidationUnknownOrderField {\n  orders(first: 1) {\n    nodes {\n      id\n      definitelyNotAnOrderField\n    }\n  }\n}\n';
    const { body } = await ask(query);
    expect(body.errors).toEqual([
      {
        message: "Field 'definitelyNotAnOrderField' doesn't exist on type 'Order'",
        locations: [{ line: 5, column: 7 }],
        path: ['query GraphqlBaseValidationUnknownOrderField', 'orders', 'nodes', 'definitelyNotAnOrderField'],
        extensions: { code: 'undefinedField', typeName: 'Order', fieldName: 'definitelyNotAnOrderField' },
      },
    ]);
  });

  it('rejects an object field without a selection (captured)', async () => {
    const { body } = await ask('query GraphqlBaseValidationMissingSubselection {\n  shop\n}\n');
    expect(body.errors).toEqual([
      {
        message: "Field must have selections (field 'shop' returns Shop but has no selections. Did you mean 'shop { ... }'?)",
        locations: [{ line: 2, column: 3 }],
        path: ['query GraphqlBaseValidationMissingSubselection', 'shop'],
        extensions: { code: 'selectionMismatch', nodeName: "field 'shop'", typeName: 'Shop' },
      },
    ]);
  });

  it('reports a syntax error at the last token read (captured)', async () => {
    const { body } = await ask('query GraphqlBaseValidationInvalidSyntax {\n  shop {\n    id\n');
    expect(body).toEqual({ errors: [{ message: 'syntax error, unexpected end of file at [3, 5]', locations: [{ line: 3, column: 5 }], extensions: { code: 'PARSE_ERROR' } }] });
  });

  it('rejects a missing required variable before running anything (captured)', async () => {
    const query =
      'mutation GraphqlBaseValidationMissingRequiredVariable($product: ProductCreateInput!) {\n  productCreate(product: $product) {\n    product {\n      id\n    }\n    userErrors {\n      field\n      message\n    }\n  }\n}\n';
    expect(await ask(query, {})).toEqual({
      status: 200,
      body: {
        errors: [
          {
            message: 'Variable $product of type ProductCreateInput! was provided invalid value',
            locations: [{ line: 1, column: 55 }],
            extensions: { code: 'INVALID_VARIABLE', value: null, problems: [{ path: [], explanation: 'Expected value to not be null' }] },
          },
        ],
      },
    });
  });

  it('names the missing field of an input object variable (captured)', async () => {
    const query =
      'mutation GraphqlBaseValidationMissingInputRequiredProperty(\n  $webhookSubscription: PubSubWebhookSubscriptionInput!\n) {\n  pubSubWebhookSubscriptionCreate(\n    topic: ORDERS_CREATE\n    webhookSubscription: $webhookSubscription\n  ) {\n    webhookSubscription {\n      id\n    }\n    userErrors {\n      field\n      message\n    }\n  }\n}\n';
    const value = { pubSubProject: 'shopify-draft-proxy-validation' };
    const { body } = await ask(query, { webhookSubscription: value });
    expect(body).toEqual({
      errors: [
        {
          message: 'Variable $webhookSubscription of type PubSubWebhookSubscriptionInput! was provided invalid value for pubSubTopic (Expected value to not be null)',
          locations: [{ line: 2, column: 3 }],
          extensions: { code: 'INVALID_VARIABLE', value, problems: [{ path: ['pubSubTopic'], explanation: 'Expected value to not be null' }] },
        },
      ],
    });
  });

  it('rejects a wrong literal argument type, naming argument, field and expected type', async () => {
    const { body } = await ask('query Poll {\n  orders(first: "ten") {\n    nodes { id }\n  }\n}');
    expect(body.errors).toEqual([
      {
        message: 'Argument \'first\' on Field \'orders\' has an invalid value ("ten"). Expected type \'Int\'.',
        locations: [{ line: 2, column: 3 }],
        path: ['query Poll', 'orders', 'first'],
        extensions: { code: 'argumentLiteralsIncompatible', typeName: 'Field', argumentName: 'first' },
      },
    ]);
  });

  it('rejects a wrong variable value type with Shopify\'s coercion message', async () => {
    const { body } = await ask('query Poll($n: Int!) { orders(first: $n) { nodes { id } } }', { n: '10' });
    expect(body.errors[0]).toMatchObject({
      message: 'Variable $n of type Int! was provided invalid value',
      extensions: { code: 'INVALID_VARIABLE', value: '10', problems: [{ path: [], explanation: 'Could not coerce value "10" to Int' }] },
    });
  });

  it('rejects an unknown enum value in a list variable, listing the allowed values (captured shape)', async () => {
    const { body } = await ask('mutation M($ids: [TaxExemption!]!) { companyLocationTaxSettingsUpdate(companyLocationId: "gid://shopify/CompanyLocation/1", exemptionsToAssign: $ids) { userErrors { field } } }', { ids: ['NOT_A_TAX_EXEMPTION'] });
    const error = body.errors[0];
    // Shopify lists the values in definition order; the introspection file only has them sorted.
    expect(error.message).toMatch(/^Variable \$ids of type \[TaxExemption!\]! was provided invalid value for 0 \(Expected "NOT_A_TAX_EXEMPTION" to be one of: [A-Z_, ]*CA_STATUS_CARD_EXEMPTION, /);
    expect(error.extensions.problems[0].path).toEqual([0]);
  });

  it('rejects unknown arguments and missing required arguments', async () => {
    const unknownArg = (await ask('{ orders(first: 1, company: "x") { nodes { id } } }')).body.errors[0];
    expect(unknownArg).toMatchObject({ message: "Field 'orders' doesn't accept argument 'company'", path: ['query', 'orders', 'company'], extensions: { code: 'argumentNotAccepted', typeName: 'Field', argumentName: 'company' } });
    const missing = (await ask('{ order { id } }')).body.errors[0];
    expect(missing).toMatchObject({ message: "Field 'order' is missing required arguments: id", path: ['query', 'order'], extensions: { code: 'missingRequiredArguments', className: 'Field', name: 'order', arguments: 'id' } });
  });

  it('sends no data and no cost with a validation error (nothing ran, nothing was charged)', async () => {
    const before = store.shop().bucketFor('netsuite-connector').current();
    const { body } = await ask('{ nope }');
    expect(Object.keys(body)).toEqual(['errors']);
    expect(store.shop().bucketFor('netsuite-connector').current()).toBe(before);
  });
});
