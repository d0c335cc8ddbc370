/**
 * What SDF accepts in the object types this project uses: child elements, enumerations, id lengths.
 * `suitecloud project:validate` needs an account, so these tables let `npm test` catch a misspelt
 * element, a wrong enum value or an id that is too long. Sources: the SDF reference as generated into
 * salto-io/salto (packages/netsuite-adapter/src/autogen/types/standard_types) and Oracle's SDF help;
 * see docs/development.md.
 */

/** Maximum scriptid length by prefix (prefix included in the count). */
export const MAX_ID_LENGTH: Record<string, number> = {
  customrecord: 40,
  custrecord: 40,
  custentity: 40,
  custbody: 38,
  custcol: 37,
  custitem: 38,
  customlist: 38,
  customscript: 40,
  customdeploy: 40,
  custscript: 40,
  val: 40,
  tab: 40,
};

export const FIELD_TYPES = new Set([
  'CHECKBOX', 'CLOBTEXT', 'CURRENCY', 'DATE', 'DATETIMETZ', 'DOCUMENT', 'EMAIL', 'FLOAT', 'HELP', 'IMAGE', 'INLINEHTML',
  'INTEGER', 'MULTISELECT', 'PASSWORD', 'PERCENT', 'PHONE', 'RICHTEXT', 'SELECT', 'TEXT', 'TEXTAREA', 'TIMEOFDAY', 'URL',
]);

export const ENUMS: Record<string, Set<string>> = {
  accesstype: new Set(['CUSTRECORDENTRYPERM', 'NONENEEDED', 'USEPERMISSIONLIST']),
  displaytype: new Set(['HIDDEN', 'LOCKED', 'NORMAL', 'SHOWASLIST', 'STATICTEXT']),
  accesslevel: new Set(['0', '1', '2']),
  searchlevel: new Set(['0', '1', '2']),
  onparentdelete: new Set(['NO_ACTION', 'SET_NULL']),
  status: new Set(['RELEASED', 'TESTING', 'NOTSCHEDULED', 'SCHEDULED']),
  loglevel: new Set(['DEBUG', 'AUDIT', 'ERROR', 'EMERGENCY']),
  eventtype: new Set([
    '', 'APPROVE', 'CANCEL', 'CHANGEPASSWORD', 'COPY', 'CREATE', 'DELETE', 'DROPSHIP', 'EDIT', 'EDITFORECAST', 'EMAIL', 'GET',
    'MARKCOMPLETE', 'ORDERITEMS', 'PACK', 'PAYBILLS', 'POST', 'PRINT', 'QUICKVIEW', 'REASSIGN', 'REJECT', 'RETRACT', 'SAVESUBMIT',
    'SHIP', 'SPECIALORDER', 'TRANSFORM', 'VIEW', 'XEDIT',
  ]),
  fieldtype: FIELD_TYPES,
};

/** Elements whose value is T or F (by name; the few look-alikes that hold lists or text are excluded). */
export const BOOLEAN_ELEMENT =
  /^(?!(bodycustomtransactions|columncustomtransactions|colitemfulfillmentorder|colitemreceiptorder|notifyemails|notifygroup)$)(allow|enable|include|is|show|applies|body|col|notify|all|defaultchecked|storevalue|checkspelling|globalsearch|hierarchical|iconbuiltin|queueallstagesatonce|availableexternally)/;

const FIELD_COMMON = [
  '@scriptid', 'fieldtype', 'label', 'selectrecordtype', 'applyformatting', 'defaultchecked', 'defaultselection', 'defaultvalue',
  'description', 'displaytype', 'dynamicdefault', 'help', 'linktext', 'minvalue', 'maxvalue', 'storevalue', 'accesslevel',
  'checkspelling', 'encryptatrest', 'displayheight', 'displaywidth', 'globalsearch', 'isformula', 'ismandatory', 'maxlength',
  'onparentdelete', 'searchcomparefield', 'searchdefault', 'searchlevel', 'showinlist', 'sourcefilterby', 'sourcefrom',
  'sourcelist', 'isparent', 'parentsubtab', 'subtab', 'allowquickadd', 'rolerestrict', 'customfieldfilters', 'roleaccesses',
  'showhierarchy',
];

const SCRIPT_COMMON = [
  '@scriptid', 'name', 'scriptfile', 'description', 'isinactive', 'notifyadmins', 'notifyemails', 'notifygroup', 'notifyowner',
  'customplugintypes', 'scriptcustomfields', 'scriptdeployments',
];

const DEPLOYMENT_COMMON = ['@scriptid', 'status', 'isdeployed', 'loglevel'];
const AUDIENCE = ['allroles', 'allemployees', 'allpartners', 'audslctrole', 'auddepartment', 'audsubsidiary', 'audemployee', 'audgroup', 'audpartner'];
const MR_DEPLOYMENT_ONLY = ['buffersize', 'concurrencylimit', 'queueallstagesatonce', 'yieldaftermins'];

/** Allowed child elements (and attributes, as `@name`) by element; `required` must be present. */
export const ELEMENTS: Record<string, { allowed: string[]; required: string[] }> = {
  customrecordtype: {
    allowed: [
      '@scriptid', 'recordname', 'customsegment', 'accesstype', 'allowattachments', 'allowinlineediting', 'allowinlinedeleting',
      'allowinlinedetaching', 'allowmobileaccess', 'allownumberingoverride', 'allowquickadd', 'allowquicksearch', 'allowuiaccess',
      'description', 'enabledle', 'enablekeywords', 'enablemailmerge', 'enablenametranslation', 'enablenumbering',
      'enableoptimisticlocking', 'enablesystemnotes', 'hierarchical', 'numberingprefix', 'numberingsuffix', 'numberingmindigits',
      'numberinginit', 'icon', 'iconbuiltin', 'iconindex', 'includeinsearchmenu', 'includename', 'isinactive', 'isordered',
      'showcreationdate', 'showcreationdateonlist', 'showid', 'showlastmodified', 'showlastmodifiedonlist', 'shownotes', 'showowner',
      'showownerallowchange', 'showowneronlist', 'customrecordcustomfields', 'instances', 'links', 'permissions', 'recordsublists',
      'subtabs',
    ],
    required: ['@scriptid', 'recordname'],
  },
  customrecordcustomfield: { allowed: FIELD_COMMON, required: ['@scriptid', 'fieldtype', 'label'] },
  subtab: { allowed: ['@scriptid', 'tabtitle', 'tabparent'], required: ['@scriptid', 'tabtitle'] },
  entitycustomfield: {
    allowed: [
      ...FIELD_COMMON, 'appliestocontact', 'appliestocustomer', 'appliestoemployee', 'appliestogenericrsrc', 'appliestogroup',
      'appliestoothername', 'appliestopartner', 'appliestopricelist', 'appliestoproject', 'appliestoprojecttemplate',
      'appliestostatement', 'appliestovendor', 'appliestowebsite', 'availableexternally', 'availabletosso',
    ],
    required: ['@scriptid', 'fieldtype', 'label'],
  },
  transactionbodycustomfield: {
    allowed: [
      ...FIELD_COMMON, 'bodyassemblybuild', 'bodybom', 'bodycustomerpayment', 'bodydeposit', 'bodydepositapplication',
      'bodyexpensereport', 'bodyinventoryadjustment', 'bodyfulfillmentrequest', 'bodystorepickup', 'bodyitemfulfillment',
      'bodyitemfulfillmentorder', 'bodyitemreceipt', 'bodyitemreceiptorder', 'bodyjournal', 'bodyperiodendjournal',
      'bodyopportunity', 'bodyothertransaction', 'bodypaycheck', 'bodypickingticket', 'bodyprintflag', 'bodyprintpackingslip',
      'bodyprintstatement', 'bodypurchase', 'bodysale', 'bodystore', 'bodytransferorder', 'bodyvendorpayment', 'bodybtegata',
      'bodycustomtransactions', 'fldsizelabel',
    ],
    required: ['@scriptid', 'fieldtype', 'label'],
  },
  transactioncolumncustomfield: {
    allowed: [
      ...FIELD_COMMON.filter((e) => !['isparent', 'parentsubtab', 'subtab', 'showinlist', 'globalsearch', 'checkspelling'].includes(e)),
      'colbuild', 'colexpense', 'colexpensereport', 'colgrouponinvoices', 'colinventoryadjustment', 'colfulfillmentrequest',
      'colstorepickup', 'colitemfulfillment', 'colitemfulfillmentorder', 'colitemreceipt', 'colitemreceiptorder', 'coljournal',
      'colperiodendjournal', 'colkititem', 'colopportunity', 'colpackingslip', 'colpickingticket', 'colprintflag', 'colpurchase',
      'colreturnform', 'colsale', 'colstore', 'colstorehidden', 'colstorewithgroups', 'coltime', 'coltransferorder',
      'columncustomtransactions',
    ],
    required: ['@scriptid', 'fieldtype', 'label'],
  },
  itemcustomfield: {
    allowed: [
      ...FIELD_COMMON, 'appliestogroup', 'appliestokit', 'appliestoinventory', 'appliestoitemassembly', 'appliestononinventory',
      'appliestoothercharge', 'appliestopricelist', 'appliestoservice', 'appliestospecificitems', 'appliestosubplan',
      'appliestoexpense', 'includechilditems', 'itemmatrix', 'ismhitemattribute', 'itemsubtype',
    ],
    required: ['@scriptid', 'fieldtype', 'label'],
  },
  customlist: {
    allowed: ['@scriptid', 'name', 'description', 'isinactive', 'ismatrixoption', 'isordered', 'customvalues'],
    required: ['@scriptid', 'name', 'customvalues'],
  },
  customvalue: { allowed: ['@scriptid', 'value', 'abbreviation', 'isinactive'], required: ['@scriptid', 'value'] },
  usereventscript: {
    allowed: [...SCRIPT_COMMON, 'notifyuser', 'libraries'],
    required: ['@scriptid', 'name', 'scriptfile'],
  },
  restlet: { allowed: [...SCRIPT_COMMON, 'notifyuser', 'libraries'], required: ['@scriptid', 'name', 'scriptfile'] },
  suitelet: { allowed: [...SCRIPT_COMMON, 'notifyuser', 'libraries'], required: ['@scriptid', 'name', 'scriptfile'] },
  scheduledscript: { allowed: [...SCRIPT_COMMON, 'libraries'], required: ['@scriptid', 'name', 'scriptfile'] },
  mapreducescript: { allowed: SCRIPT_COMMON, required: ['@scriptid', 'name', 'scriptfile'] },
  scriptcustomfield: {
    allowed: [...FIELD_COMMON.filter((e) => !['isparent', 'parentsubtab', 'subtab', 'showinlist', 'globalsearch'].includes(e)), 'setting'],
    required: ['@scriptid', 'fieldtype', 'label'],
  },
  'usereventscript.scriptdeployment': {
    allowed: [...DEPLOYMENT_COMMON, ...AUDIENCE, 'recordtype', 'runasrole', 'eventtype', 'executioncontext', 'alllocalizationcontexts', 'localizationcontext'],
    required: ['@scriptid', 'status', 'recordtype'],
  },
  'restlet.scriptdeployment': { allowed: [...DEPLOYMENT_COMMON, ...AUDIENCE, 'title'], required: ['@scriptid', 'status', 'title'] },
  'suitelet.scriptdeployment': {
    allowed: [...DEPLOYMENT_COMMON, ...AUDIENCE, 'title', 'runasrole', 'eventtype', 'isonline', 'links'],
    required: ['@scriptid', 'status', 'title'],
  },
  'scheduledscript.scriptdeployment': { allowed: [...DEPLOYMENT_COMMON, 'title', 'recurrence'], required: ['@scriptid', 'status', 'title'] },
  'mapreducescript.scriptdeployment': {
    allowed: [...DEPLOYMENT_COMMON, 'title', 'runasrole', 'recurrence', ...MR_DEPLOYMENT_ONLY],
    required: ['@scriptid', 'status', 'title'],
  },
};

/** `[scriptid=customrecord_x]` or `[scriptid=customlist_x.val_y]`: the object and optional child. */
export function parseReference(value: string): { object: string; child?: string } | undefined {
  const m = value.match(/^\[scriptid=([a-z0-9_]+)(?:\.([a-z0-9_]+))?\]$/);
  return m ? { object: m[1], child: m[2] } : undefined;
}
