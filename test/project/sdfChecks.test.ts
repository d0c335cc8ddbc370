/**
 * The SDF project's offline checks: the real project passes, and each kind of breakage is caught.
 * Each break is made on a throwaway copy of the project (Objects, src, built files, manifest, deploy).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { checkProject, type Problem } from '../../tools/sdf/checks';
import { suiteScriptModules } from '../../tools/sdf/nModules';
import { PROJECT_ROOT } from '../../tools/build';

const N_MODULES = suiteScriptModules();
const BUILT = 'FileCabinet/SuiteScripts/shopify_b2b';

function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb2b-sdf-'));
  for (const name of ['Objects', 'src', 'FileCabinet', 'manifest.xml', 'deploy.xml']) {
    fs.cpSync(path.join(PROJECT_ROOT, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string) {
  const full = path.join(dir, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`test setup: editing ${file} changed nothing`);
  fs.writeFileSync(full, after);
}

function problemsAfter(breakIt: (dir: string) => void): Problem[] {
  const dir = copyProject();
  try {
    breakIt(dir);
    return checkProject(dir, N_MODULES);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function expectProblem(problems: Problem[], file: string, message: RegExp) {
  expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ file, message: expect.stringMatching(message) })]));
}

describe('the SDF project as committed', () => {
  it('passes every offline check', () => {
    expect(checkProject(PROJECT_ROOT, N_MODULES)).toEqual([]);
  });
});

describe('a broken Objects file is caught', () => {
  const STORE = 'Objects/customrecord_sb2b_store.xml';

  it('when the XML is not well formed, naming the file and line', () => {
    const problems = problemsAfter((d) => edit(d, STORE, (t) => t.replace('</recordname>', '</recordnam>')));
    expectProblem(problems, STORE, /not well-formed XML: .*line \d+/);
  });

  it('when an id lacks the sb2b prefix', () => {
    const problems = problemsAfter((d) =>
      edit(d, STORE, (t) => t.replace('scriptid="custrecord_sb2b_shop_domain"', 'scriptid="custrecord_shop_domain"')),
    );
    expectProblem(problems, STORE, /id custrecord_shop_domain must start with custrecord_sb2b_/);
  });

  it('when an element is misspelt', () => {
    const problems = problemsAfter((d) => edit(d, STORE, (t) => t.replace('<ismandatory>T</ismandatory>', '<ismandatroy>T</ismandatroy>')));
    expectProblem(problems, STORE, /<ismandatroy> is not an element SDF accepts/);
  });

  it('when a field type does not exist', () => {
    const problems = problemsAfter((d) =>
      edit(d, 'Objects/customrecord_sb2b_queue.xml', (t) => t.replace('<fieldtype>CLOBTEXT</fieldtype>', '<fieldtype>LONGTEXT</fieldtype>')),
    );
    expectProblem(problems, 'Objects/customrecord_sb2b_queue.xml', /<fieldtype> is "LONGTEXT", not one of/);
  });

  it('when a reference points at an object that does not exist', () => {
    const problems = problemsAfter((d) =>
      edit(d, 'Objects/customrecord_sb2b_location_map.xml', (t) => t.replace('[scriptid=customrecord_sb2b_store]', '[scriptid=customrecord_sb2b_shop]')),
    );
    expectProblem(problems, 'Objects/customrecord_sb2b_location_map.xml', /refers to customrecord_sb2b_shop, which no file in Objects\/ defines/);
  });

  it('when a reference uses the short form SDF does not document', () => {
    const problems = problemsAfter((d) =>
      edit(d, 'Objects/customscript_sb2b_ue_store_config.xml', (t) => t.replace('[scriptid=customrecord_sb2b_store]', '[customrecord_sb2b_store]')),
    );
    expectProblem(problems, 'Objects/customscript_sb2b_ue_store_config.xml', /must be written \[scriptid=<id>\]/);
  });

  it('when an id is longer than SDF allows for its kind', () => {
    const problems = problemsAfter((d) => {
      fs.renameSync(path.join(d, 'Objects/custcol_sb2b_line_gid.xml'), path.join(d, 'Objects/custcol_sb2b_shopify_line_item_gid_xyz.xml'));
      edit(d, 'Objects/custcol_sb2b_shopify_line_item_gid_xyz.xml', (t) => t.replace('custcol_sb2b_line_gid', 'custcol_sb2b_shopify_line_item_gid_xyz'));
      edit(d, 'src/netsuite/shopifyLinks.ts', (t) => t.replace('custcol_sb2b_line_gid', 'custcol_sb2b_shopify_line_item_gid_xyz'));
    });
    expectProblem(problems, 'Objects/custcol_sb2b_shopify_line_item_gid_xyz.xml', /38 characters; SDF allows 37 for custcol ids/);
  });

  it('when a user event deployment has no record type', () => {
    const problems = problemsAfter((d) =>
      edit(d, 'Objects/customscript_sb2b_ue_store_config.xml', (t) => t.replace('<recordtype>[scriptid=customrecord_sb2b_store]</recordtype>', '')),
    );
    expectProblem(problems, 'Objects/customscript_sb2b_ue_store_config.xml', /<recordtype> is required/);
  });

  it('when the file name is not the scriptid', () => {
    const problems = problemsAfter((d) => fs.renameSync(path.join(d, STORE), path.join(d, 'Objects/store.xml')));
    expectProblem(problems, 'Objects/store.xml', /file name must be customrecord_sb2b_store.xml/);
  });
});

describe('custom ids in src/ and Objects/ must agree', () => {
  it('reports an id used in src/ that Objects/ does not define', () => {
    const problems = problemsAfter((d) => fs.writeFileSync(path.join(d, 'src/core/extra.ts'), "export const F = 'custbody_sb2b_missing';\n"));
    expectProblem(problems, 'src/core/extra.ts', /uses custbody_sb2b_missing, which no file in Objects\/ defines/);
  });

  it('reports a field Objects/ defines that nothing in src/ uses', () => {
    const problems = problemsAfter((d) =>
      edit(d, 'src/netsuite/storeRecord.ts', (t) => t.replace("  b2cCustomerId: 'custrecord_sb2b_b2c_customer',\n", '')),
    );
    expectProblem(problems, 'Objects/customrecord_sb2b_store.xml', /defines custrecord_sb2b_b2c_customer, which nothing in src\/ uses/);
  });
});

describe('a broken built file is caught', () => {
  const UE = `${BUILT}/ue_store_config.js`;

  it('when a script object names a file the build did not produce', () => {
    const problems = problemsAfter((d) => fs.rmSync(path.join(d, UE)));
    expectProblem(problems, 'Objects/customscript_sb2b_ue_store_config.xml', /does not exist after the build/);
  });

  it('when the header is not the first thing in the file', () => {
    const problems = problemsAfter((d) => edit(d, UE, (t) => `"use strict";\n${t}`));
    expectProblem(problems, UE, /must start with its \/\*\* @NApiVersion 2.1/);
  });

  it("when the header's script type differs from the script object's", () => {
    const problems = problemsAfter((d) => edit(d, UE, (t) => t.replace('@NScriptType UserEventScript', '@NScriptType Restlet')));
    expectProblem(problems, UE, /@NScriptType is Restlet but customscript_sb2b_ue_store_config is a <usereventscript>/);
  });

  it('when the header has the wrong API version', () => {
    const problems = problemsAfter((d) => edit(d, UE, (t) => t.replace('@NApiVersion 2.1', '@NApiVersion 2.0')));
    expectProblem(problems, UE, /@NApiVersion is 2.0, must be 2.1/);
  });

  it('when an entry point is a getter instead of a plain property', () => {
    const problems = problemsAfter((d) =>
      edit(d, UE, (t) => t.replace('exports.beforeSubmit = beforeSubmit;', 'Object.defineProperty(exports, "beforeSubmit", { enumerable: true, get: () => beforeSubmit });')),
    );
    expectProblem(problems, UE, /entry point beforeSubmit is a getter/);
  });

  it('when the file exports no entry point of its type', () => {
    const problems = problemsAfter((d) => edit(d, UE, (t) => t.replace(/exports\.(beforeLoad|beforeSubmit|afterSubmit) =/g, 'exports.onRequest =')));
    expectProblem(problems, UE, /exports "onRequest", which is not a UserEventScript entry point/);
    expectProblem(problems, UE, /must export beforeLoad or beforeSubmit or afterSubmit/);
  });

  it('when it depends on something other than an N/ module', () => {
    const problems = problemsAfter((d) => edit(d, UE, (t) => t.replace('define([', 'define(["fs",')));
    expectProblem(problems, UE, /depends on "fs", which is not a SuiteScript N\/ module/);
  });

  it('when its top level needs a Node global', () => {
    const problems = problemsAfter((d) => edit(d, UE, (t) => t.replace('"use strict";', '"use strict"; Buffer.from("x");')));
    expectProblem(problems, UE, /does not load as an AMD module in a plain ECMAScript context: .*Buffer is not defined/);
  });

  it('when a built file has no script object', () => {
    const problems = problemsAfter((d) => fs.copyFileSync(path.join(d, UE), path.join(d, `${BUILT}/ue_orphan.js`)));
    expectProblem(problems, `${BUILT}/ue_orphan.js`, /no script object in Objects\/ runs ue_orphan.js/);
  });
});

describe('manifest.xml', () => {
  it('must declare the features every object needs', () => {
    const problems = problemsAfter((d) => edit(d, 'manifest.xml', (t) => t.replace('<feature required="true">CUSTOMRECORDS</feature>', '')));
    expectProblem(problems, 'manifest.xml', /feature CUSTOMRECORDS must be a required dependency/);
  });
});
