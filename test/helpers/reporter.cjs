// Mocha's spec reporter, closing with one plain summary line ("N passed, N failed, N skipped") that any CI can read.
'use strict';
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SpecWithSummary extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = this.stats;
      const database = process.env.DATABASE_URL && process.env.DATABASE_URL.startsWith('postgres') ? 'postgresql' : 'sqlite';
      process.stdout.write(`${database}: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SpecWithSummary;
