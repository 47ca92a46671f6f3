import { describe, expect, it } from 'vitest';
import { exampleConformance } from '../src/contract/checks/examples.js';

describe('example_conformance', () => {
  it('every example in both specs matches its schema', () => {
    expect(exampleConformance()).toEqual([]);
  });
});
