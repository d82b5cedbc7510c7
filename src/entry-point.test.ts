import { describe, expect, it } from 'vitest';
import { nodeVersionProblem, packageEngines } from './entry-point.js';

describe('the Node.js version check', () => {
  it('one line naming the version found, the range and the fix; nothing when recent enough', () => {
    expect(nodeVersionProblem('fabric-temporal', '>=22', '20.20.2')).toBe(
      'fabric-temporal: Node.js 20.20.2 found, but this needs Node.js >=22: install Node.js 24 LTS (https://nodejs.org, or `nvm install 24`) and run the command again',
    );
    expect(nodeVersionProblem('x', '>= 22.12.0', '22.11.9')).toContain('Node.js 22.11.9 found, but this needs Node.js >=22.12.0');
    expect(nodeVersionProblem('x', '>=22', '22.0.0')).toBeUndefined();
    expect(nodeVersionProblem('x', '>=22', '24.1.0')).toBeUndefined();
    expect(nodeVersionProblem('demo', '>=20.3', '20.20.2')).toBeUndefined();
    expect(nodeVersionProblem('demo', '>=20.3', '18.19.0')).toContain('needs Node.js >=20.3');
  });

  it("reads the range from package.json's engines", () => {
    expect(packageEngines()).toMatch(/^>=\s*\d+/);
  });
});
