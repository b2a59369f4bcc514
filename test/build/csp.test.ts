import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cspOf, readPageCsp } from '../../build/csp.js';
import { repoRoot } from '../support/data.js';

describe('the one CSP (index.html) and its copies', () => {
  const policy = readPageCsp(repoRoot);

  it('reads the meta tag as one line, and fails without one', () => {
    expect(policy).toMatch(/^default-src 'self'; /);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/\s{2}|\n/);
    expect(
      cspOf('<meta http-equiv="Content-Security-Policy" content="default-src  \'none\';\n  connect-src \'self\'" />'),
    ).toBe("default-src 'none'; connect-src 'self'");
    expect(() => cspOf('<html></html>', 'x.html')).toThrow('x.html has no Content-Security-Policy meta tag');
  });

  it('the dev and preview servers send it as a header, with COOP/COEP', async () => {
    const config = (await import('../../vite.config.js')).default as {
      server: { headers: Record<string, string> };
      preview: { headers: Record<string, string> };
    };
    for (const h of [config.server.headers, config.preview.headers]) {
      expect(h['Content-Security-Policy']).toBe(policy);
      expect(h['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    }
  });

  it("the README's _headers and nginx snippets hold it word for word", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain(`  Content-Security-Policy: ${policy}\n`);
    expect(readme).toContain(`add_header Content-Security-Policy "${policy}" always;`);
  });
});
