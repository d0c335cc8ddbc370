// Builds one AMD file per entry point in src/scripts/ into FileCabinet/SuiteScripts/shopify_b2b/,
// the folder deploy.xml ships. NetSuite loads each file with its own AMD loader, so:
// - `N/*` modules stay external (they become define() dependencies);
// - nothing is minified (admins read these files in the File Cabinet and in stack traces);
// - each file starts with its entry's `/** @NApiVersion 2.1 ... */` header, which NetSuite reads
//   to know the script type (ts-loader and webpack drop it, so BannerPlugin puts it back first).
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');

const SCRIPTS = path.resolve(__dirname, 'src/scripts');
const OUT = path.resolve(__dirname, 'FileCabinet/SuiteScripts/shopify_b2b');
const ENTRY_FILE = /^(ue|mr|ss|rl|sl)_[a-z0-9_]+\.ts$/;

/** Entry points of a folder: one per `<type>_<subject>.ts`. */
function entriesOf(dir) {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((file) => ENTRY_FILE.test(file))
      .sort()
      .map((file) => [file.replace(/\.ts$/, ''), path.join(dir, file)]),
  );
}

/** The leading JSDoc block of an entry file: the NetSuite script header. */
function headerOf(file) {
  const source = fs.readFileSync(file, 'utf8');
  const match = source.match(/^\s*(\/\*\*[\s\S]*?\*\/)/);
  if (!match || !/@NApiVersion/.test(match[1])) {
    throw new Error(`${file} must start with its /** @NApiVersion 2.1 @NScriptType ... */ header`);
  }
  return match[1];
}

/**
 * The build for a set of entries into a folder. The bundle uses src/scripts → FileCabinet; the local
 * NetSuite account's own test scripts reuse it with their entries and a temporary folder.
 */
function configFor(entries, outDir) {
  return {
    mode: 'production',
    target: ['es2019'],
    entry: entries,
    devtool: false,
    context: __dirname,
    output: {
      path: outDir,
      filename: '[name].js',
      library: { type: 'amd' },
      // One file per script, no chunk loading: the format only has to be named.
      chunkFormat: 'array-push',
      chunkLoading: false,
      wasmLoading: false,
      workerChunkLoading: false,
      clean: true,
      // Every build writes every file, unchanged or not, so the files' times say when the bundle was
      // last built: tools/build.ts compares them with src/ to decide whether to build again.
      compareBeforeEmit: false,
    },
    externalsType: 'amd',
    externals: [/^N\//],
    resolve: {
      extensions: ['.ts', '.js'],
      // SuiteScript has no Node built-ins; fail the build rather than bundle a polyfill.
      fallback: {},
    },
    node: false,
    module: {
      rules: [
        { test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.json', onlyCompileBundledFiles: true } },
        // GraphQL documents live one per file (src/shopify/operations) and are bundled as strings.
        { test: /\.graphql$/, type: 'asset/source' },
      ],
    },
    optimization: {
      minimize: false,
      concatenateModules: false,
      splitChunks: false,
      runtimeChunk: false,
      moduleIds: 'named',
    },
    performance: { hints: false },
    plugins: [
      new webpack.BannerPlugin({ raw: true, entryOnly: true, banner: ({ chunk }) => headerOf(entries[chunk.name]) }),
    ],
  };
}

module.exports = configFor(entriesOf(SCRIPTS), OUT);
// For other builds (the local NetSuite account's test scripts); not enumerable, so webpack's schema
// check of this configuration does not see them.
Object.defineProperty(module.exports, 'configFor', { value: configFor });
Object.defineProperty(module.exports, 'entriesOf', { value: entriesOf });
