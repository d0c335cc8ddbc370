/**
 * Every handler, by direction. A sync that lands adds its handler here; the processors take work
 * only for topics some handler owns.
 */
import { HandlerRegistry } from '../core/handlers';
import { companyHandler } from './companies';
import { companyPushHandler } from './companyPush';
import { fulfillmentHandler } from './fulfillments';
import { orderHandler } from './orders';
import { verifyStoreHandler } from './verifyStore';

export function inboundHandlers(): HandlerRegistry {
  return new HandlerRegistry([orderHandler, companyHandler]);
}

export function outboundHandlers(): HandlerRegistry {
  return new HandlerRegistry([verifyStoreHandler, fulfillmentHandler, companyPushHandler]);
}
