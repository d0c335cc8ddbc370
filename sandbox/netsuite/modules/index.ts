/**
 * The N/ modules a script's define() can ask for. A real module this sandbox does not implement
 * fails the script's load with SANDBOX_UNSUPPORTED (loud, rather than a silent stub).
 */
import { errors } from '../errors';
import type { Execution } from '../runners/execution';
import { cryptoModule, encodeModule } from './crypto';
import { httpsModule } from './https';
import { cacheModule, emailModule, errorModule, formatModule, logModule, runtimeModule, urlModule } from './platform';
import { queryModule } from './query';
import { recordModule } from './record';
import { searchModule } from './search';
import { taskModule } from './task';

export { utilGlobal } from './platform';

const FACTORIES: Record<string, (exec: Execution) => object> = {
  'N/record': recordModule,
  'N/query': queryModule,
  'N/https': httpsModule,
  'N/runtime': runtimeModule,
  'N/log': logModule,
  'N/email': emailModule,
  'N/task': taskModule,
  'N/crypto': cryptoModule,
  'N/encode': encodeModule,
  'N/cache': cacheModule,
  'N/error': errorModule,
  'N/format': formatModule,
  'N/url': urlModule,
  'N/search': searchModule,
};

export const IMPLEMENTED_MODULES = Object.keys(FACTORIES);

export function createModule(name: string, exec: Execution): object {
  const factory = FACTORIES[name];
  if (!factory) throw errors.unsupported(`The module ${name}`);
  return factory(exec);
}
