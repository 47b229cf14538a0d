#!/usr/bin/env node
// Plays the cross-runtime scenarios through the Node package
// (tests/scenarios/README.md).
//
//   node run-scenarios.mjs [--expect-failures LIST] [PATH...]
//
// A PATH is a scenario file or a folder (every *.scenario.json below it,
// sorted); without one the whole tests/scenarios folder runs. The package is
// the one in bindings/node, or the installed package directory named by the
// PRESENCE_ENGINE_PACKAGE environment variable (to run against the packed
// tarball). Exit status: 0 if everything passed, 1 if anything failed, 2 for
// bad usage.

import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Driver } from './driver.mjs';
import { describeStep, judge, report } from './judge.mjs';
import { LoadError, loadScenario, loadValid, readJsonFile } from './scenario-file.mjs';
import { Schema } from './schema.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCENARIOS = path.resolve(HERE, '..', '..');
const PACKAGE =
  process.env.PRESENCE_ENGINE_PACKAGE ?? path.resolve(SCENARIOS, '..', '..', 'bindings', 'node');
const presence = createRequire(import.meta.url)(PACKAGE);
const SUFFIX = '.scenario.json';
// Node strings cannot hold invalid UTF-8, and the package takes enum names,
// not numbers: files that need either are skipped, as the format allows.
const SUPPORTED = new Set();

const loadSchema = (name) => new Schema(readJsonFile(path.join(SCENARIOS, 'schema', name)));

/** The report of the first failing place, or '' if the scenario holds. */
function firstFailure(scenario) {
  const created = { status: 'OK', message: '', actual: null };
  let driver;
  try {
    driver = new Driver(presence, scenario.doc.config ?? {}, scenario.t0);
  } catch (error) {
    if (!(error instanceof presence.PresenceError)) throw error;
    created.status = error.code.slice(3);
    created.message = error.message;
  }
  const refused = judge(scenario.doc, 'create_fails', created, '$');
  if (refused.length > 0) {
    driver?.engine.close();
    return report(scenario, 'creating the engine', refused);
  }
  if (driver === undefined) return ''; // refused, as the file expects
  try {
    for (const [i, step] of scenario.doc.steps.entries()) {
      const mismatches = judge(step, 'fails', driver.run(step), `$.steps[${i}]`);
      if (mismatches.length > 0) {
        return report(scenario, `step ${i}: ${describeStep(step)}`, mismatches);
      }
    }
    return '';
  } finally {
    driver.engine.close();
  }
}

/** 'passed' | 'failed' | 'known' | 'skipped', and the text to print. */
function runScenario(scenario) {
  const missing = (scenario.doc.requires ?? []).filter((c) => !SUPPORTED.has(c));
  if (missing.length > 0) {
    return { verdict: 'skipped', text: `SKIP ${scenario.file} (needs ${missing.join(', ')})\n` };
  }
  const failure = firstFailure(scenario);
  const why = scenario.doc.known_failure;
  if (why === undefined) {
    return failure === ''
      ? { verdict: 'passed', text: `PASS ${scenario.file}\n` }
      : { verdict: 'failed', text: `FAIL ${failure}` };
  }
  if (failure !== '') {
    return { verdict: 'known', text: `KNOWN FAILURE ${failure}  known failure: ${why}\n` };
  }
  return {
    verdict: 'failed',
    text: `FAIL ${scenario.file}\n  $.known_failure: the scenario passes, so the mark must go (${why})\n`,
  };
}

function runFiles(files, schema) {
  const tally = { passed: 0, failed: 0, known: 0, skipped: 0 };
  for (const file of files) {
    let result;
    try {
      result = runScenario(loadScenario(file, schema));
    } catch (error) {
      if (!(error instanceof LoadError)) throw error;
      result = { verdict: 'failed', text: `FAIL ${error.message}\n` };
    }
    tally[result.verdict]++;
    process.stdout.write(result.text);
  }
  if (tally.known > 0) console.log(`known failures: ${tally.known}`);
  if (tally.skipped > 0) console.log(`skipped: ${tally.skipped}`);
  console.log(`scenarios: ${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed === 0;
}

/** What the runner says about a file that must not pass, and at which stage. */
function complaint(file, schema) {
  let scenario;
  try {
    scenario = loadScenario(file, schema);
  } catch (error) {
    if (!(error instanceof LoadError)) throw error;
    return { loaded: false, message: error.message };
  }
  const result = runScenario(scenario);
  return { loaded: true, message: result.verdict === 'failed' ? result.text : '' };
}

/** Every file the list names is refused or fails where it says; the list covers its folder. */
function checkExpectedFailures(listFile, schema) {
  const list = loadValid(listFile, loadSchema('expected-failures.schema.json'));
  const base = path.dirname(listFile);
  let passed = 0;
  let failed = 0;
  const listed = new Set();
  for (const entry of list.failures) {
    const file = path.join(base, entry.file);
    listed.add(path.resolve(file));
    const { loaded, message } = complaint(file, schema);
    const atLoad = entry.stage === 'load';
    const missing = [];
    if (message === '' || loaded === atLoad) {
      missing.push(atLoad ? 'a refusal before running' : 'a failing run');
    }
    for (const wanted of [file, entry.place, ...entry.mentions]) {
      if (!message.includes(wanted)) missing.push(JSON.stringify(wanted));
    }
    if (missing.length === 0) {
      passed++;
      const line = message.split('\n').find((l) => l.includes(entry.place)) ?? '';
      console.log(`PASS ${file} (${entry.stage}): ${line.trim()}`);
    } else {
      failed++;
      console.log(`FAIL ${file}: the runner's message lacks ${missing.join(' ')}`);
      console.log(`  message: ${message === '' ? '(none: it passed)' : message}`);
    }
  }
  for (const name of readdirSync(base).sort()) {
    const file = path.resolve(base, name);
    if (name.endsWith('.json') && file !== path.resolve(listFile) && !listed.has(file)) {
      failed++;
      console.log(`FAIL ${path.join(base, name)} is not listed in ${listFile}`);
    }
  }
  console.log(`expected failures: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

/** Scenario files named by the arguments, folders expanded, in a stable order. */
function collect(paths) {
  const files = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`${p}: no such file or folder`);
    if (statSync(p).isFile()) {
      files.push(p);
      continue;
    }
    const found = readdirSync(p, { recursive: true })
      .map((name) => path.join(p, String(name)))
      .filter((name) => name.endsWith(SUFFIX) && statSync(name).isFile())
      .sort();
    if (found.length === 0) throw new UsageError(`${p}: no *${SUFFIX} file below it`);
    files.push(...found);
  }
  return files;
}

class UsageError extends Error {}

function main(argv) {
  const args = [...argv];
  let listFile;
  const at = args.indexOf('--expect-failures');
  if (at >= 0) {
    listFile = args[at + 1];
    if (listFile === undefined) throw new UsageError('--expect-failures needs a LIST');
    args.splice(at, 2);
  }
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown !== undefined) throw new UsageError(`unknown option ${unknown}`);
  if (listFile !== undefined && !existsSync(listFile)) {
    throw new UsageError(`${listFile}: no such file`);
  }
  const schema = loadSchema('scenario.schema.json');
  const files = collect(args.length > 0 || listFile !== undefined ? args : [SCENARIOS]);
  let ok = true;
  if (listFile !== undefined) ok = checkExpectedFailures(realpathSync(listFile), schema) && ok;
  if (files.length > 0) ok = runFiles(files, schema) && ok;
  return ok ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`run-scenarios: ${error.message}`);
  console.error('usage: node run-scenarios.mjs [--expect-failures LIST] [PATH...]');
  process.exitCode = 2;
}
