/**
 * Money without floating point. Shopify sends amounts as decimal strings ("1234.50"); NetSuite
 * totals must equal Shopify's to the cent, so amounts are parsed into integer minor units at a
 * fixed scale and only turned back into decimal strings at the edges.
 */

/** Minor units at 4 decimal places: enough for every ISO currency and Shopify's unit prices. */
export const MONEY_SCALE = 4;
const FACTOR = 10 ** MONEY_SCALE;

/** Parses "12", "12.5", "-0.125", "1e3"-free decimals into integer units of 10^-4. Throws on anything else. */
export function parseAmount(text: string | number): number {
  const value = typeof text === 'number' ? String(text) : text.trim();
  const match = /^(-)?([0-9]+)(?:\.([0-9]+))?$/.exec(value);
  if (!match) throw new Error(`"${value}" is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > MONEY_SCALE && /[^0]/.test(fraction.slice(MONEY_SCALE))) {
    throw new Error(`"${value}" has more than ${MONEY_SCALE} decimal places`);
  }
  const units = Number(whole) * FACTOR + Number((fraction + '0000').slice(0, MONEY_SCALE));
  if (!Number.isSafeInteger(units)) throw new Error(`"${value}" is too large to handle exactly`);
  return sign ? -units : units;
}

/** Units back to a decimal string with `decimals` places (2 for most currencies), rounding half away from zero. */
export function formatAmount(units: number, decimals = 2): string {
  if (!Number.isInteger(units)) throw new Error(`${units} is not an integer amount in units`);
  const step = 10 ** (MONEY_SCALE - decimals);
  const negative = units < 0;
  const magnitude = Math.abs(units);
  const rounded = Math.floor((magnitude + step / 2) / step);
  const text = String(rounded).padStart(decimals + 1, '0');
  const whole = decimals > 0 ? text.slice(0, -decimals) : text;
  const fraction = decimals > 0 ? '.' + text.slice(-decimals) : '';
  return (negative && rounded !== 0 ? '-' : '') + whole + fraction;
}

/** Rounds units to `decimals` places, half away from zero, staying in units. */
export function roundAmount(units: number, decimals = 2): number {
  const step = 10 ** (MONEY_SCALE - decimals);
  const sign = units < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(units) + step / 2) / step) * step;
}

/** Units to a JavaScript number for fields that take one (NetSuite currency fields), exact to `decimals`. */
export function amountToNumber(units: number, decimals = 2): number {
  return Number(formatAmount(units, decimals));
}

/** Decimal places of a currency's minor unit (ISO 4217), for the currencies Shopify sells in. */
export function currencyDecimals(currencyCode: string): number {
  if (['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'].includes(currencyCode)) return 0;
  if (['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].includes(currencyCode)) return 3;
  return 2;
}
