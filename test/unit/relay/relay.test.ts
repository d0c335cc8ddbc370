import crypto from 'crypto';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const relay = require('../../../relay/relay.js');

describe('the relay', () => {
  it('signs NetSuite TBA requests as OAuth 1.0a HMAC-SHA256 over method, URL and sorted parameters', () => {
    const url = 'https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=customscript_sb2b_inbound_rl&deploy=1';
    const header: string = relay.tbaAuthorization({
      method: 'POST',
      url,
      accountId: '1234567_SB1',
      consumerKey: 'ck',
      consumerSecret: 'cs secret',
      tokenId: 'tk',
      tokenSecret: 'ts',
      nonce: 'abc123',
      timestamp: 1700000000,
    });
    // Written out by hand from RFC 5849 §3.4.1: the realm is not signed; query parameters are.
    const base =
      'POST&https%3A%2F%2F1234567.restlets.api.netsuite.com%2Fapp%2Fsite%2Fhosting%2Frestlet.nl&' +
      encodeURIComponent(
        'deploy=1&oauth_consumer_key=ck&oauth_nonce=abc123&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1700000000&oauth_token=tk&oauth_version=1.0&script=customscript_sb2b_inbound_rl',
      );
    const signature = crypto.createHmac('sha256', 'cs%20secret&ts').update(base).digest('base64');
    expect(header).toBe(
      `OAuth realm="1234567_SB1", oauth_consumer_key="ck", oauth_nonce="abc123", oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", oauth_token="tk", oauth_version="1.0", oauth_signature="${encodeURIComponent(signature)}"`,
    );
  });

  it('percent-encodes the characters encodeURIComponent leaves alone', () => {
    expect(relay.percentEncode("a!b*c'd(e)f")).toBe('a%21b%2Ac%27d%28e%29f');
  });

  it('checks Shopify HMACs against any of several secrets (rotation), in constant time', () => {
    const body = Buffer.from('{"id":820982911946154508}');
    const hmac = crypto.createHmac('sha256', 'old').update(body).digest('base64');
    expect(relay.signedByOneOf(body, hmac, ['new', 'old'])).toBe(true);
    expect(relay.signedByOneOf(body, hmac, ['new'])).toBe(false);
    expect(relay.signedByOneOf(body, undefined, ['old'])).toBe(false);
  });

  it('keeps the raw body byte for byte in the envelope, big ids and all', () => {
    const raw = Buffer.from('{"id":820982911946154508,"note":"caf\u00e9"}');
    const envelope = relay.envelopeOf({ 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'w1', 'x-shopify-event-id': 'e1' }, raw);
    expect(envelope).toMatchObject({ topic: 'orders/create', webhookId: 'w1', eventId: 'e1', body: raw.toString('utf8') });
  });

  it('says which settings are missing', () => {
    expect(() => relay.settingsFromEnv({ NETSUITE_AUTH: 'tba' })).toThrow(
      'relay: set NETSUITE_RESTLET_URL, NETSUITE_ACCOUNT_ID, NETSUITE_CONSUMER_KEY, NETSUITE_CONSUMER_SECRET, NETSUITE_TOKEN_ID, NETSUITE_TOKEN_SECRET',
    );
  });
});
