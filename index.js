'use strict';
// n8n loads the nodes and credentials listed in package.json's "n8n" section; this entry point
// exposes the same lists for tools that require() the package.
module.exports = require('./package.json').n8n;
