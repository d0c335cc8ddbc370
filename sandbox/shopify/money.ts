/**
 * Money without floating point. Amounts are held as bigint minor units at a fixed scale of 4
 * decimal places (enough for tax rates times prices, and for every currency's minor unit), and
 * converted to Shopify's two string forms only at the edge:
 * - GraphQL `Decimal`/`Money`: Ruby BigDecimal style, trailing zeros dropped but at least one
 *   decimal ("20.0", "2.4", "31.9"), as captured from real Admin API responses;
 * - REST webhook payloads: fixed to the currency's decimals ("20.00").
 */
export type Amount = bigint;

const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);

/** Currencies without minor units (ISO 4217 exponent 0) that a B2B shop is likely to use. */
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF', 'TWD', 'UGX', 'XAF', 'XOF']);

export function currencyDecimals(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

/** Parses "12", "12.5", "-0.07", 12.5 (numbers only from JSON inputs). Throws on anything else. */
export function parseAmount(value: string | number): Amount {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`not a decimal amount: ${JSON.stringify(value)}`);
  const whole = BigInt(match[2] || '0');
  let fraction = (match[3] ?? '').padEnd(SCALE + 1, '0');
  // Round half away from zero at the fifth decimal.
  const roundUp = Number(fraction[SCALE]) >= 5;
  fraction = fraction.slice(0, SCALE);
  let units = whole * FACTOR + BigInt(fraction) + (roundUp ? 1n : 0n);
  if (match[1]) units = -units;
  return units;
}

export function isAmount(value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  try {
    parseAmount(value);
    return true;
  } catch {
    return false;
  }
}

export const ZERO: Amount = 0n;

export function sum(values: Amount[]): Amount {
  return values.reduce((a, b) => a + b, 0n);
}

export function times(amount: Amount, quantity: number): Amount {
  return amount * BigInt(quantity);
}

/** Rounds to the currency's minor unit, half away from zero. */
export function roundToCurrency(amount: Amount, currency: string): Amount {
  const step = 10n ** BigInt(SCALE - currencyDecimals(currency));
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const rounded = ((abs + step / 2n) / step) * step;
  return negative ? -rounded : rounded;
}

/** amount × rate, where rate is a decimal like 0.13; rounded to the currency. */
export function applyRate(amount: Amount, rate: string | number, currency: string): Amount {
  const rateUnits = parseAmount(rate);
  const raw = (amount * rateUnits) / FACTOR;
  return roundToCurrency(raw, currency);
}

function digits(amount: Amount): { sign: string; whole: string; fraction: string } {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  return { sign: negative ? '-' : '', whole: (abs / FACTOR).toString(), fraction: (abs % FACTOR).toString().padStart(SCALE, '0') };
}

/** GraphQL form: "20.0", "2.4", "0.07". */
export function formatDecimal(amount: Amount): string {
  const { sign, whole, fraction } = digits(amount);
  const trimmed = fraction.replace(/0+$/, '');
  return `${sign}${whole}.${trimmed || '0'}`;
}

/** REST form: "20.00" ("20" for zero-decimal currencies). */
export function formatRest(amount: Amount, currency: string): string {
  const decimals = currencyDecimals(currency);
  const { sign, whole, fraction } = digits(roundToCurrency(amount, currency));
  return decimals === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction.slice(0, decimals)}`;
}

export function min(a: Amount, b: Amount): Amount {
  return a < b ? a : b;
}
