/** The consumer's lock is derived from ours: it must hold what npm would install, peers a package requires included. */
import { describe, expect, it } from 'vitest';
import { closure } from '../helpers/consumer.js';

const lock = {
  'node_modules/runner': {
    version: '5.0.0',
    dependencies: { chai: '^5' },
    peerDependencies: { bundler: '^8', coverage: '5.0.0', absent: '*' },
    peerDependenciesMeta: { coverage: { optional: true } },
  },
  'node_modules/chai': { version: '5.1.0' },
  'node_modules/bundler': { version: '8.3.0', dependencies: { esbuild: '^0.28' } },
  'node_modules/esbuild': { version: '0.28.2' },
  'node_modules/coverage': { version: '5.0.0' },
};

describe('the consumer lock', () => {
  it('carries the peers a package requires and what they need, as npm 7+ installs them', () => {
    expect(Object.keys(closure(lock, ['runner'])).sort()).toEqual([
      'node_modules/bundler',
      'node_modules/chai',
      'node_modules/esbuild',
      'node_modules/runner',
    ]);
  });

  it('leaves out optional peers, and a required peer our lock lacks is left for npm ci to report', () => {
    const picked = closure(lock, ['runner']);
    expect(picked['node_modules/coverage']).toBeUndefined();
    expect(picked['node_modules/absent']).toBeUndefined();
  });

  it('refuses a missing dependency by name', () => {
    expect(() => closure({ 'node_modules/a': { version: '1.0.0', dependencies: { b: '^1' } } }, ['a'])).toThrow(
      'b (needed by node_modules/a) is not in package-lock.json',
    );
  });
});
