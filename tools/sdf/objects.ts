/**
 * Reads the SDF project's Objects/*.xml into a small typed model. Used by the project self-checks
 * and by the local NetSuite account, which takes its script deployments, custom records, custom
 * fields and script parameters from here, so an id missing from Objects/ fails wherever it is used.
 */
import fs from 'fs';
import path from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const SCRIPT_OBJECT_TYPES = ['usereventscript', 'mapreducescript', 'scheduledscript', 'restlet', 'suitelet'] as const;
export type ScriptObjectType = (typeof SCRIPT_OBJECT_TYPES)[number];

export const CUSTOM_FIELD_OBJECT_TYPES = [
  'entitycustomfield',
  'transactionbodycustomfield',
  'transactioncolumncustomfield',
  'itemcustomfield',
] as const;
export type CustomFieldObjectType = (typeof CUSTOM_FIELD_OBJECT_TYPES)[number];

/** The `@NScriptType` each script object type must carry in its file header. */
export const SCRIPT_TYPE_OF_OBJECT: Record<ScriptObjectType, string> = {
  usereventscript: 'UserEventScript',
  mapreducescript: 'MapReduceScript',
  scheduledscript: 'ScheduledScript',
  restlet: 'Restlet',
  suitelet: 'Suitelet',
};

/** A custom field: on a custom record, a standard record, or a script parameter. */
export interface FieldDef {
  scriptid: string;
  label: string;
  fieldtype: string;
  /** `-117`, `[customrecord_x]`, `[customlist_x]` … for SELECT and MULTISELECT fields. */
  selectrecordtype?: string;
  defaultvalue?: string;
  defaultchecked?: boolean;
  ismandatory: boolean;
  help?: string;
  /** Raw child elements, for checks that need more (appliesto…, bodysale, isparent …). */
  raw: Record<string, unknown>;
}

export interface DeploymentDef {
  scriptid: string;
  status?: string;
  /** User events: `SALESORDER`, `[customrecord_x]` … */
  recordtype?: string;
  eventtype?: string;
  executioncontext?: string;
  raw: Record<string, unknown>;
}

export interface ScriptDef {
  objectType: ScriptObjectType;
  scriptid: string;
  name: string;
  /** As written, e.g. `/SuiteScripts/shopify_b2b/ue_store_config.js`. */
  scriptfile: string;
  parameters: FieldDef[];
  deployments: DeploymentDef[];
  file: string;
  /** Raw child elements (isinactive, description …). */
  raw: Record<string, unknown>;
}

export interface CustomRecordDef {
  scriptid: string;
  recordname: string;
  fields: FieldDef[];
  subtabs: string[];
  raw: Record<string, unknown>;
  file: string;
}

export interface StandardFieldDef extends FieldDef {
  objectType: CustomFieldObjectType;
  file: string;
}

export interface CustomListDef {
  scriptid: string;
  name: string;
  values: { scriptid: string; value: string }[];
  file: string;
}

export interface SdfProject {
  root: string;
  scripts: ScriptDef[];
  customRecords: CustomRecordDef[];
  customFields: StandardFieldDef[];
  customLists: CustomListDef[];
  /** Every object file with its root element and scriptid, including types not modelled above. */
  objects: { file: string; objectType: string; scriptid: string }[];
}

export class SdfParseError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const ALWAYS_ARRAYS = new Set([
  'scriptdeployment',
  'scriptcustomfield',
  'customrecordcustomfield',
  'customvalue',
  'subtab',
  'feature',
  'path',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ALWAYS_ARRAYS.has(name),
});

/** Parses one XML file; throws SdfParseError naming the line when it is not well formed. */
export function parseXmlFile(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, 'utf8');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new SdfParseError(file, `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  }
  return parser.parse(text) as Record<string, unknown>;
}

type Node = Record<string, unknown>;

function text(node: Node, key: string): string | undefined {
  const value = node[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return undefined;
  return String(value);
}

function list(node: Node | undefined, container: string, item: string): Node[] {
  const wrapper = node?.[container];
  if (!wrapper || typeof wrapper !== 'object') return [];
  const items = (wrapper as Node)[item];
  return Array.isArray(items) ? (items as Node[]) : [];
}

function toField(node: Node): FieldDef {
  return {
    scriptid: String(node['@scriptid'] ?? ''),
    label: text(node, 'label') ?? '',
    fieldtype: text(node, 'fieldtype') ?? '',
    selectrecordtype: text(node, 'selectrecordtype') || undefined,
    defaultvalue: text(node, 'defaultvalue') || undefined,
    defaultchecked: text(node, 'defaultchecked') === 'T' ? true : undefined,
    ismandatory: text(node, 'ismandatory') === 'T',
    help: text(node, 'help') || undefined,
    raw: node,
  };
}

/** `[/SuiteScripts/x.js]` → `/SuiteScripts/x.js` (SDF brackets references to files and objects). */
export function unbracket(reference: string): string {
  const match = reference.match(/^\[(.*)\]$/);
  return match ? match[1] : reference;
}

export function loadSdfProject(root: string): SdfProject {
  const objectsDir = path.join(root, 'Objects');
  const project: SdfProject = { root, scripts: [], customRecords: [], customFields: [], customLists: [], objects: [] };
  const files = fs.existsSync(objectsDir) ? fs.readdirSync(objectsDir).filter((f) => f.endsWith('.xml')).sort() : [];
  for (const name of files) {
    const file = path.join(objectsDir, name);
    const doc = parseXmlFile(file);
    const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
    if (roots.length !== 1) throw new SdfParseError(file, `expected one root element, found ${roots.length}`);
    const objectType = roots[0];
    const node = doc[objectType] as Node;
    if (!node || typeof node !== 'object') throw new SdfParseError(file, `<${objectType}> is empty`);
    const scriptid = String(node['@scriptid'] ?? '');
    project.objects.push({ file, objectType, scriptid });

    if ((SCRIPT_OBJECT_TYPES as readonly string[]).includes(objectType)) {
      project.scripts.push({
        objectType: objectType as ScriptObjectType,
        scriptid,
        name: text(node, 'name') ?? '',
        scriptfile: unbracket(text(node, 'scriptfile') ?? ''),
        parameters: list(node, 'scriptcustomfields', 'scriptcustomfield').map(toField),
        deployments: list(node, 'scriptdeployments', 'scriptdeployment').map((d) => ({
          scriptid: String(d['@scriptid'] ?? ''),
          status: text(d, 'status'),
          recordtype: text(d, 'recordtype'),
          eventtype: text(d, 'eventtype'),
          executioncontext: text(d, 'executioncontext'),
          raw: d,
        })),
        file,
        raw: node,
      });
    } else if (objectType === 'customrecordtype') {
      project.customRecords.push({
        scriptid,
        recordname: text(node, 'recordname') ?? '',
        fields: list(node, 'customrecordcustomfields', 'customrecordcustomfield').map(toField),
        subtabs: list(node, 'subtabs', 'subtab').map((t) => String(t['@scriptid'] ?? '')),
        raw: node,
        file,
      });
    } else if ((CUSTOM_FIELD_OBJECT_TYPES as readonly string[]).includes(objectType)) {
      project.customFields.push({ ...toField(node), objectType: objectType as CustomFieldObjectType, file });
    } else if (objectType === 'customlist') {
      project.customLists.push({
        scriptid,
        name: text(node, 'name') ?? '',
        values: list(node, 'customvalues', 'customvalue').map((v) => ({
          scriptid: String(v['@scriptid'] ?? ''),
          value: text(v, 'value') ?? '',
        })),
        file,
      });
    }
  }
  return project;
}

/** Every scriptid the project defines, nested ones included (fields, parameters, deployments, list values, subtabs). */
export function definedIds(project: SdfProject): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [objectId, children] of childIds(project)) {
    const file = project.objects.find((o) => o.scriptid === objectId)?.file ?? '';
    ids.set(objectId, file);
    children.forEach((c) => ids.set(c, file));
  }
  return ids;
}

/** Object scriptid → the scriptids nested in it, for `[scriptid=object.child]` references. */
export function childIds(project: SdfProject): Map<string, Set<string>> {
  const children = new Map<string, Set<string>>(project.objects.map((o) => [o.scriptid, new Set<string>()]));
  const add = (objectId: string, id: string) => children.get(objectId)?.add(id);
  for (const s of project.scripts) {
    s.parameters.forEach((p) => add(s.scriptid, p.scriptid));
    s.deployments.forEach((d) => add(s.scriptid, d.scriptid));
  }
  for (const r of project.customRecords) {
    r.fields.forEach((f) => add(r.scriptid, f.scriptid));
    r.subtabs.forEach((t) => add(r.scriptid, t));
  }
  for (const l of project.customLists) l.values.forEach((v) => add(l.scriptid, v.scriptid));
  return children;
}
