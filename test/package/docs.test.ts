import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocs } from '../../scripts/docs.js';

describe('npm run docs', () => {
  it('renders one self-contained page: Redoc and the spec inside it, a policy that runs only those', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cf-docs-'));
    try {
      const html = await readFile(await buildDocs(join(dir, 'api.html')), 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="(https?:)?\/\//);
      // The policy names each inline script by its hash, and nothing else may run or load.
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
      expect(policy).toMatch(/default-src 'none'/);
      const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, body]) => body!);
      expect(scripts).toHaveLength(2);
      for (const body of scripts)
        expect(policy).toContain(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
      expect(scripts[0]!.length).toBeGreaterThan(500_000);
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
