import fc from 'fast-check';

/**
 * Property tests explore new random inputs on every local run, which is how they find bugs;
 * in CI they replay one fixed seed so that a landing is never decided by chance. Set
 * FC_SEED to replay a counterexample printed by a local run.
 */
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261125' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
