import { amountToNumber, currencyDecimals, formatAmount, parseAmount, roundAmount } from '../../../src/shopify/money';
import { gidNumber, isGid, parseGid, toGid } from '../../../src/shopify/gid';

describe('money without floating point', () => {
  it('parses Shopify decimal strings exactly', () => {
    expect(parseAmount('0.1') + parseAmount('0.2')).toBe(parseAmount('0.3'));
    expect(parseAmount('1234.5')).toBe(12345000);
    expect(parseAmount('-0.125')).toBe(-1250);
    expect(parseAmount('10')).toBe(100000);
    expect(parseAmount('19.9900')).toBe(199900);
  });

  it('refuses what is not a plain decimal', () => {
    expect(() => parseAmount('1e3')).toThrow('is not a decimal amount');
    expect(() => parseAmount('12,50')).toThrow('is not a decimal amount');
    expect(() => parseAmount('0.00001')).toThrow('more than 4 decimal places');
    expect(() => parseAmount('99999999999999999')).toThrow('too large');
  });

  it('formats and rounds half away from zero at the currency precision', () => {
    expect(formatAmount(parseAmount('2.675'))).toBe('2.68');
    expect(formatAmount(parseAmount('-2.675'))).toBe('-2.68');
    expect(formatAmount(parseAmount('-0.004'))).toBe('0.00');
    expect(formatAmount(parseAmount('1500'), 0)).toBe('1500');
    expect(formatAmount(parseAmount('1.2345'), 3)).toBe('1.235');
    expect(roundAmount(parseAmount('0.125'))).toBe(parseAmount('0.13'));
    expect(amountToNumber(parseAmount('19.99')) * 3).toBeCloseTo(59.97, 10);
  });

  it('knows currencies without minor units and with three', () => {
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('KWD')).toBe(3);
    expect(currencyDecimals('USD')).toBe(2);
  });
});

describe('gids', () => {
  it('parse and build, keeping ids beyond 2^53 exact', () => {
    expect(parseGid('gid://shopify/Order/820982911946154508')).toEqual({ type: 'Order', id: '820982911946154508' });
    expect(toGid('Order', '820982911946154508')).toBe('gid://shopify/Order/820982911946154508');
    expect(gidNumber('gid://shopify/Location/68')).toBe('68');
    expect(isGid('gid://shopify/Company/1', 'Company')).toBe(true);
    expect(isGid('gid://shopify/Company/1', 'Order')).toBe(false);
    expect(isGid('1234')).toBe(false);
    expect(() => toGid('Order', '12a')).toThrow('not numeric');
  });
});
