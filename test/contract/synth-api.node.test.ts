// The SynthApi contract in Node: the in-process Engine the CLI runs (one engine per test, as a fresh CLI run).
import { Engine } from '../../src/engine/engine.js';
import { nodeHost, synthApiSuite } from './synth-api.suite.js';

synthApiSuite('Node, in-process Engine', async () => nodeHost(new Engine()));
