/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

// The outbound queue processor: every 15 minutes, and at once when nudged. See src/netsuite/queueProcessor.ts.
import type { EntryPoints } from 'N/types';
import { outboundHandlers } from '../handlers';
import { queueProcessor } from '../netsuite/queueProcessor';

const processor = queueProcessor('outbound', outboundHandlers());

export const getInputData: EntryPoints.MapReduce.getInputData = processor.getInputData;
export const map: EntryPoints.MapReduce.map = processor.map;
export const reduce: EntryPoints.MapReduce.reduce = processor.reduce;
export const summarize: EntryPoints.MapReduce.summarize = processor.summarize;
