/**
 * Offline checks of the SDF project: what `suitecloud project:validate` would catch if it could run
 * without an account, plus the project's own rules (prefixes, naming, ids used ↔ defined, built
 * files). Each check returns problems instead of throwing, so a test can show every one at once.
 */
import fs from 'fs';
import path from 'path';
import { ENTRY_POINTS, inertModule, loadAmdFile, readHeader } from './builtScripts';
import { SCRIPT_OBJECT_TYPES, SCRIPT_TYPE_OF_OBJECT, SdfParseError, type SdfProject, childIds, loadSdfProject, parseXmlFile } from './objects';
import { BOOLEAN_ELEMENT, ELEMENTS, ENUMS, MAX_ID_LENGTH, parseReference } from './schema';

export interface Problem {
  file: string;
  message: string;
}

export const BUNDLE_FOLDER = '/SuiteScripts/shopify_b2b/';

/** Required id prefix per object type (root elements). */
const OBJECT_PREFIX: Record<string, string> = {
  usereventscript: 'customscript_sb2b_',
  mapreducescript: 'customscript_sb2b_',
  scheduledscript: 'customscript_sb2b_',
  restlet: 'customscript_sb2b_',
  suitelet: 'customscript_sb2b_',
  customrecordtype: 'customrecord_sb2b_',
  customlist: 'customlist_sb2b_',
  entitycustomfield: 'custentity_sb2b_',
  transactionbodycustomfield: 'custbody_sb2b_',
  transactioncolumncustomfield: 'custcol_sb2b_',
  itemcustomfield: 'custitem_sb2b_',
};

/** Nested elements and the prefix their ids need. */
const NESTED = [
  { container: 'customrecordcustomfields', item: 'customrecordcustomfield', prefix: 'custrecord_sb2b_' },
  { container: 'subtabs', item: 'subtab', prefix: 'tab_sb2b_' },
  { container: 'customvalues', item: 'customvalue', prefix: 'val_sb2b_' },
  { container: 'scriptcustomfields', item: 'scriptcustomfield', prefix: 'custscript_sb2b_' },
  { container: 'scriptdeployments', item: 'scriptdeployment', prefix: 'customdeploy_sb2b_' },
];

/**
 * Custom ids as they appear in source. The second alternative catches ids of other prefixes so that a
 * typo such as `custrecord_sbb2_x` is reported as undefined rather than ignored.
 */
export const CUSTOM_ID_PATTERN =
  /\b(?:customscript|customdeploy|customrecord|customlist|custrecord|custbody|custentity|custitem|custcol|custscript|val)_sb2b_[a-z0-9_]+\b|\b(?:customscript|customdeploy|customrecord|customlist|custrecord|custbody|custentity|custitem|custcol|custscript)_[a-z0-9_]+\b/g;

/** Ids that src/ must use when Objects/ defines them: records, fields, parameters, lists. Scripts, deployments and subtabs need not be. */
const MUST_BE_USED = /^(customrecord|custrecord|custentity|custbody|custitem|custcol|custscript|customlist|val)_/;

const ENTRY_FILE = /^(ue|mr|ss|rl|sl)_([a-z0-9_]+)\.(ts|js)$/;
const OBJECT_TYPE_OF_PREFIX: Record<string, string> = {
  ue: 'usereventscript',
  mr: 'mapreducescript',
  ss: 'scheduledscript',
  rl: 'restlet',
  sl: 'suitelet',
};

function rel(root: string, file: string): string {
  return path.relative(root, file) || file;
}

/** Loads the project, turning parse failures (every malformed file, not just the first) into problems. */
export function loadProjectOrProblems(root: string): { project?: SdfProject; problems: Problem[] } {
  const problems: Problem[] = [];
  for (const name of ['manifest.xml', 'deploy.xml']) {
    const file = path.join(root, name);
    if (!fs.existsSync(file)) {
      problems.push({ file: name, message: 'missing: SDF needs it at the project root' });
      continue;
    }
    try {
      parseXmlFile(file);
    } catch (e) {
      problems.push({ file: name, message: (e as Error).message.replace(/^.*?: /, '') });
    }
  }
  const objectsDir = path.join(root, 'Objects');
  let malformed = false;
  for (const name of fs.existsSync(objectsDir) ? fs.readdirSync(objectsDir).filter((f) => f.endsWith('.xml')) : []) {
    try {
      parseXmlFile(path.join(objectsDir, name));
    } catch (e) {
      malformed = true;
      problems.push({ file: `Objects/${name}`, message: (e as Error).message.replace(/^.*?: /, '') });
    }
  }
  if (malformed) return { problems };
  try {
    return { project: loadSdfProject(root), problems };
  } catch (e) {
    problems.push({ file: e instanceof SdfParseError ? rel(root, e.file) : 'Objects', message: (e as Error).message });
    return { problems };
  }
}

export function checkManifest(root: string): Problem[] {
  const file = path.join(root, 'manifest.xml');
  if (!fs.existsSync(file)) return [];
  let doc;
  try {
    doc = parseXmlFile(file) as { manifest?: Record<string, unknown> };
  } catch {
    return []; // reported by loadProjectOrProblems
  }
  const manifest = doc.manifest;
  if (!manifest) return [{ file: 'manifest.xml', message: 'root element must be <manifest>' }];
  const problems: Problem[] = [];
  if (manifest['@projecttype'] !== 'ACCOUNTCUSTOMIZATION') problems.push({ file: 'manifest.xml', message: 'projecttype must be ACCOUNTCUSTOMIZATION' });
  if (!manifest.projectname) problems.push({ file: 'manifest.xml', message: 'needs a <projectname>' });
  const features = ((manifest.dependencies as Record<string, unknown> | undefined)?.features as Record<string, unknown> | undefined)
    ?.feature as unknown[] | undefined;
  const required = (features ?? [])
    .filter((f) => typeof f === 'object' && (f as Record<string, unknown>)['@required'] === 'true')
    .map((f) => String((f as Record<string, unknown>)['#text']));
  for (const needed of ['SERVERSIDESCRIPTING', 'CUSTOMRECORDS']) {
    if (!required.includes(needed)) problems.push({ file: 'manifest.xml', message: `feature ${needed} must be a required dependency` });
  }
  return problems;
}

type Node = Record<string, unknown>;

function elementsOf(node: unknown, container: string, item: string): Node[] {
  const wrapper = (node as Node | undefined)?.[container];
  if (!wrapper || typeof wrapper !== 'object') return [];
  const items = (wrapper as Node)[item];
  return Array.isArray(items) ? (items as Node[]) : [];
}

/** Every XML-level rule for one object file: allowed and required elements, enums, booleans, id shape and length, references. */
function checkObjectXml(
  objectType: string,
  node: Node,
  file: string,
  children: Map<string, Set<string>>,
  at: (message: string) => void,
) {
  // A deployment may set a value for each of its script's parameters, as an element named after it.
  const parameterIds = new Set(elementsOf(node, 'scriptcustomfields', 'scriptcustomfield').map((p) => String(p['@scriptid'] ?? '')));
  const checkElement = (kind: string, element: Node, where: string) => {
    const spec = ELEMENTS[kind];
    if (!spec) return;
    const keys = Object.keys(element).filter((k) => k !== '#text');
    for (const key of keys) {
      if (kind.endsWith('.scriptdeployment') && parameterIds.has(key)) continue;
      if (!spec.allowed.includes(key)) at(`${where}: <${key.replace(/^@/, '')}> is not an element SDF accepts in <${kind.split('.').pop()}>`);
    }
    for (const key of spec.required) {
      const value = element[key];
      if (value === undefined || value === '') at(`${where}: <${key.replace(/^@/, '')}> is required`);
    }
    for (const [key, value] of Object.entries(element)) {
      if (typeof value !== 'string') continue;
      const allowed = ENUMS[key];
      if (allowed && !allowed.has(value)) at(`${where}: <${key}> is "${value}", not one of ${[...allowed].filter(Boolean).join(', ')}`);
      else if (BOOLEAN_ELEMENT.test(key) && !key.startsWith('@') && value !== 'T' && value !== 'F' && !allowed)
        at(`${where}: <${key}> must be T or F, not "${value}"`);
      if (value.startsWith('[') && key !== 'scriptfile') checkReference(value, `${where}: <${key}>`);
    }
  };

  const checkReference = (value: string, where: string) => {
    const ref = parseReference(value);
    if (!ref) return at(`${where} "${value}" must be written [scriptid=<id>] or [scriptid=<id>.<child id>]`);
    const nested = children.get(ref.object);
    if (!nested) return at(`${where} refers to ${ref.object}, which no file in Objects/ defines`);
    if (ref.child && !nested.has(ref.child)) at(`${where} refers to ${ref.child} in ${ref.object}, which does not define it`);
  };

  const checkId = (id: string, prefix: string, where: string) => {
    if (!id) return;
    if (!id.startsWith(prefix)) at(`${where}: id ${id} must start with ${prefix}`);
    if (!/^[a-z0-9_]+$/.test(id)) at(`${where}: id ${id} may only use lower-case letters, digits and _`);
    const limit = MAX_ID_LENGTH[id.split('_')[0]];
    if (limit && id.length > limit) at(`${where}: id ${id} is ${id.length} characters; SDF allows ${limit} for ${id.split('_')[0]} ids`);
  };

  const rootId = String(node['@scriptid'] ?? '');
  checkElement(objectType, node, `<${objectType}>`);
  const prefix = OBJECT_PREFIX[objectType];
  if (!prefix) return at(`<${objectType}> is not an object type this project knows; teach tools/sdf/schema.ts about it first`);
  checkId(rootId, prefix, `<${objectType}>`);
  if (path.basename(file) !== `${rootId}.xml`) at(`file name must be ${rootId}.xml (SDF names object files by scriptid)`);
  for (const nested of NESTED) {
    for (const element of elementsOf(node, nested.container, nested.item)) {
      const id = String(element['@scriptid'] ?? '');
      const kind = nested.item === 'scriptdeployment' ? `${objectType}.scriptdeployment` : nested.item;
      checkElement(kind, element, `${nested.item} ${id || '(no id)'}`);
      const expected = nested.item === 'scriptdeployment' ? `customdeploy_sb2b_${rootId.replace(/^customscript_sb2b_/, '')}` : nested.prefix;
      checkId(id, expected, `${nested.item} ${id}`);
    }
  }
}

export function checkObjects(project: SdfProject): Problem[] {
  const problems: Problem[] = [];
  const children = childIds(project);
  const seen = new Map<string, string>();
  for (const o of project.objects) {
    const at = (message: string) => problems.push({ file: rel(project.root, o.file), message });
    const doc = parseXmlFile(o.file);
    checkObjectXml(o.objectType, doc[o.objectType] as Node, o.file, children, at);
    for (const id of [o.scriptid, ...(children.get(o.scriptid) ?? [])]) {
      const other = seen.get(id);
      if (other && other !== o.file) at(`id ${id} is also defined in ${rel(project.root, other)}`);
      seen.set(id, o.file);
    }
  }

  for (const s of project.scripts) {
    const at = (message: string) => problems.push({ file: rel(project.root, s.file), message });
    // customscript_sb2b_<type>_<subject> runs <type>_<subject>.js: unique even when two types share a subject.
    const fileStem = s.scriptid.replace(/^customscript_sb2b_/, '');
    if (s.deployments.length === 0) at(`${s.scriptid} has no <scriptdeployment>`);
    if (s.name.length > 40) at(`script <name> is ${s.name.length} characters; SDF allows 40`);
    if (!s.scriptfile.startsWith(BUNDLE_FOLDER)) {
      at(`scriptfile ${s.scriptfile} must be in ${BUNDLE_FOLDER} (the folder the build writes)`);
      continue;
    }
    const base = path.basename(s.scriptfile);
    const m = base.match(ENTRY_FILE);
    if (!m) at(`scriptfile ${base} must be named <ue|mr|ss|rl|sl>_<subject>.js`);
    else {
      if (OBJECT_TYPE_OF_PREFIX[m[1]] !== s.objectType) at(`${base} is a ${m[1]}_ file but ${s.scriptid} is a <${s.objectType}>`);
      if (`${m[1]}_${m[2]}` !== fileStem) at(`${s.scriptid} must run ${fileStem}.js, not ${base}`);
    }
  }
  for (const r of project.customRecords) {
    if (r.recordname.length > 40) problems.push({ file: rel(project.root, r.file), message: `<recordname> is ${r.recordname.length} characters; SDF allows 40` });
  }
  for (const l of project.customLists) {
    if (l.name.length > 30) problems.push({ file: rel(project.root, l.file), message: `customlist <name> is ${l.name.length} characters; SDF allows 30` });
  }
  return problems;
}

/** Built files: one per script object, each starting with its header, loading as AMD, with its entry points. */
export function checkBuiltScripts(project: SdfProject, knownModules: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const root = project.root;
  const buildDir = path.join(root, 'FileCabinet', BUNDLE_FOLDER);
  const at = (file: string, message: string) => problems.push({ file: rel(root, file), message });
  const builtFiles = fs.existsSync(buildDir) ? fs.readdirSync(buildDir).filter((f) => f.endsWith('.js')) : [];
  const scriptOf = new Map(project.scripts.map((s) => [path.basename(s.scriptfile), s]));

  for (const s of project.scripts) {
    const file = path.join(root, 'FileCabinet', s.scriptfile);
    if (!fs.existsSync(file)) {
      at(s.file, `scriptfile ${s.scriptfile} does not exist after the build (is src/scripts/${path.basename(s.scriptfile, '.js')}.ts missing?)`);
    }
  }
  for (const name of builtFiles) {
    const file = path.join(buildDir, name);
    const script = scriptOf.get(name);
    if (!script) {
      at(file, `no script object in Objects/ runs ${name}; add Objects/customscript_sb2b_${name.replace(/\.js$/, '')}.xml`);
      continue;
    }
    const source = fs.readFileSync(file, 'utf8');
    const header = readHeader(source);
    if (!header) {
      at(file, 'must start with its /** @NApiVersion 2.1 @NScriptType … */ header, with nothing before it');
      continue;
    }
    if (header.apiVersion !== '2.1') at(file, `@NApiVersion is ${header.apiVersion ?? 'missing'}, must be 2.1`);
    if (header.moduleScope !== 'SameAccount') at(file, `@NModuleScope is ${header.moduleScope ?? 'missing'}, must be SameAccount`);
    const expectedType = SCRIPT_TYPE_OF_OBJECT[script.objectType];
    if (header.scriptType !== expectedType) {
      at(file, `@NScriptType is ${header.scriptType ?? 'missing'} but ${script.scriptid} is a <${script.objectType}> (${expectedType})`);
      continue;
    }
    let loaded;
    try {
      loaded = loadAmdFile(file, () => inertModule());
    } catch (e) {
      at(file, `does not load as an AMD module in a plain ECMAScript context: ${(e as Error).message}`);
      continue;
    }
    for (const dep of loaded.dependencies) {
      if (!knownModules.has(dep)) at(file, `depends on "${dep}", which is not a SuiteScript N/ module`);
    }
    const spec = ENTRY_POINTS[expectedType];
    const keys = Object.keys(loaded.exports);
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(loaded.exports, key);
      if (!spec.allowed.includes(key)) at(file, `exports "${key}", which is not a ${expectedType} entry point (keep helpers out of entry files)`);
      else if (descriptor?.get) at(file, `entry point ${key} is a getter; NetSuite needs a plain property`);
      else if (key !== 'config' && typeof descriptor?.value !== 'function') at(file, `entry point ${key} is not a function`);
    }
    for (const alternatives of spec.required) {
      if (!alternatives.some((k) => keys.includes(k))) at(file, `a ${expectedType} must export ${alternatives.join(' or ')}`);
    }
  }
  return problems;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Custom ids in src/ ↔ ids in Objects/: each used one defined, each defined record, field, parameter or list used. */
export function checkIdsUsed(project: SdfProject): Problem[] {
  const problems: Problem[] = [];
  const defined = new Map<string, string>();
  for (const [objectId, nested] of childIds(project)) {
    const file = project.objects.find((o) => o.scriptid === objectId)?.file ?? '';
    defined.set(objectId, file);
    nested.forEach((c) => defined.set(c, file));
  }
  const used = new Map<string, string>();
  for (const file of walk(path.join(project.root, 'src'))) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(CUSTOM_ID_PATTERN)) {
      if (!used.has(match[0])) used.set(match[0], file);
    }
  }
  for (const [id, file] of used) {
    if (!defined.has(id)) problems.push({ file: rel(project.root, file), message: `uses ${id}, which no file in Objects/ defines` });
  }
  for (const [id, file] of defined) {
    if (MUST_BE_USED.test(id) && !used.has(id)) problems.push({ file: rel(project.root, file), message: `defines ${id}, which nothing in src/ uses` });
  }
  return problems;
}

/** Script objects must be of a type this project builds. */
export function isScriptObjectType(type: string): boolean {
  return (SCRIPT_OBJECT_TYPES as readonly string[]).includes(type);
}

/** Every check, for `npm test`. */
export function checkProject(root: string, knownModules: ReadonlySet<string>, options: { built?: boolean } = {}): Problem[] {
  const { project, problems } = loadProjectOrProblems(root);
  problems.push(...checkManifest(root));
  if (!project) return problems;
  problems.push(...checkObjects(project), ...checkIdsUsed(project));
  if (options.built !== false) problems.push(...checkBuiltScripts(project, knownModules));
  return problems;
}
