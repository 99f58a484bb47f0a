import { describe, expect, it } from 'vitest';
import { signInAddress, signInUrl, startupMessage } from './startup.ts';

describe('the start-up message', () => {
  it('says where to sign in, with a wildcard address shown as localhost', () => {
    expect(signInAddress('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000/sign-in');
    expect(signInAddress('0.0.0.0', 8080)).toBe('http://localhost:8080/sign-in');
    expect(signInAddress('::', 8080)).toBe('http://localhost:8080/sign-in');
    expect(signInAddress('::1', 3000)).toBe('http://[::1]:3000/sign-in');
  });

  it('uses the council’s public address when one is set, and the real port when PORT=0', () => {
    expect(signInUrl({ publicUrl: 'https://caseweight.northby.gov.uk', host: '0.0.0.0', configuredPort: 3000, port: 3000 })).toBe('https://caseweight.northby.gov.uk/sign-in');
    expect(signInUrl({ publicUrl: 'http://127.0.0.1:0', host: '127.0.0.1', configuredPort: 0, port: 40123 })).toBe('http://127.0.0.1:40123/sign-in');
  });

  it('points to the demo accounts only when the demo council is there', () => {
    const demo = startupMessage({ signInUrl: 'http://127.0.0.1:3000/sign-in', demo: true, database: 'pglite' });
    expect(demo).toContain('Sign in at http://127.0.0.1:3000/sign-in');
    expect(demo).toContain('"Demo accounts" in README.md');
    expect(demo).toContain('service.manager@demo.caseweight.example');
    const council = startupMessage({ signInUrl: 'http://127.0.0.1:3000/sign-in', demo: false, database: 'postgres' });
    expect(council).toContain('Sign in at http://127.0.0.1:3000/sign-in');
    expect(council).not.toMatch(/demo|password/i);
  });
});
