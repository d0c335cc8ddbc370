// GraphQL documents are .graphql files, bundled as strings (webpack asset/source; jest's transform in test/support).
declare module '*.graphql' {
  const document: string;
  export = document;
}
