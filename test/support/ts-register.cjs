// Lets a child process that a test starts run the project's TypeScript as it is (no build step):
// `node -r ./test/support/ts-register.cjs some-file.ts`. Types are not checked here (the test run
// and `npm run typecheck` do that); each file is only transpiled to CommonJS.
const { readFileSync } = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  module._compile(outputText, filename);
};
