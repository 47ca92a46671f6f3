import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocs } from '../../scripts/docs.js';

describe('npm run docs', () => {
  it('renders one static HTML page that names the operation, every status and the callback', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cf-docs-'));
    try {
      const html = await readFile(await buildDocs(join(dir, 'api.html')), 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(html).not.toMatch(/<script[^>]+src="https?:/);
      for (const text of [
        'Complete order - client mode',
        'completeOrder',
        '/v1/client/order/fulfillment',
        'Fulfillment status callback',
        '{$request.body#/callbackUrl}',
        'Retry-After',
      ])
        expect(html).toContain(text);
      for (const status of ['200', '400', '401', '429', '500']) expect(html).toMatch(new RegExp(`"${status}"`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
