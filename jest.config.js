// Tests are TypeScript, transpiled by ts-jest without type checking (`npm run typecheck` does that).
// Integration tests load the *built* bundle from FileCabinet/, so `npm test` builds first.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.node.json' }],
    '^.+\\.graphql$': '<rootDir>/test/support/graphqlTransform.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json', 'graphql'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  testTimeout: 60000,
};
