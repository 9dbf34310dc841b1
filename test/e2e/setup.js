'use strict';

// What the e2e test and the demo share: the example workflow and sandbox credentials for it.

const fs = require('node:fs');
const path = require('node:path');

const EXAMPLE_WORKFLOW = path.resolve(__dirname, '..', '..', 'examples', 'onboarding-ekycpro-widekyc.json');

function loadExampleWorkflow(file = EXAMPLE_WORKFLOW) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const workflow = loadExampleWorkflow();
const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
const WEBHOOK_PATH = webhook.parameters.path;

/** The credential references (id + name per type) the example workflow's nodes carry. */
function credentialReferences(wf = workflow) {
  const references = {};
  for (const node of wf.nodes) {
    for (const [type, reference] of Object.entries(node.credentials ?? {})) references[type] = reference;
  }
  return references;
}

/**
 * Credentials for `n8n import:credentials` (plain data; n8n encrypts them on import) that point the
 * example workflow's nodes at a running vendor sandbox. Generated, never stored in examples/.
 */
function sandboxCredentials(sandbox, wf = workflow) {
  const refs = credentialReferences(wf);
  return [
    {
      ...refs.ekycProApi,
      type: 'ekycProApi',
      data: { apiKey: sandbox.keys.ekycpro.apiKey, baseUrl: sandbox.baseUrls.ekycpro },
    },
    {
      ...refs.wideKycApi,
      type: 'wideKycApi',
      data: { token: sandbox.keys.wideKyc.token, serverUrl: sandbox.baseUrls.wideKyc },
    },
  ];
}

module.exports = { EXAMPLE_WORKFLOW, WEBHOOK_PATH, loadExampleWorkflow, credentialReferences, sandboxCredentials };
