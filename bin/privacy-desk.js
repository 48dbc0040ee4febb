#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm run build). The README's first command builds it.
require('../dist/src/cli/main.js')
  .main(process.argv)
  .catch((error) => {
    process.stderr.write(`privacy-desk: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  });
