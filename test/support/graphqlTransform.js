// Jest: a .graphql file is its text, as webpack's asset/source bundles it.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};
