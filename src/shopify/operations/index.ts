/**
 * The operations the bundle sends, typed. Each document is a .graphql file beside this one (one
 * operation per file, its requested cost in a `# cost: N` header); test/contract validates every
 * file against the real Admin schema of each supported API version.
 */
import type { ShopIdentity } from '../../sync/store/connection';
import { defineOperation } from '../operation';
import shopInfo = require('./shop/ShopInfo.graphql');

export const ShopInfo = defineOperation<{ shop: ShopIdentity }>(shopInfo);
