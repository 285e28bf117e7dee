import { describe, expect, it } from 'vitest';
import { checkHost, checkToken, checkWrite, cookieName, newToken, presentedToken, tokenMatches } from './security.js';

const PORT = 41234;
const none = new URLSearchParams();

describe('edit request checks', () => {
  it('accepts only 127.0.0.1:PORT and localhost:PORT as Host', () => {
    expect(checkHost({ host: `127.0.0.1:${PORT}` }, PORT)).toBeUndefined();
    expect(checkHost({ host: `LOCALHOST:${PORT}` }, PORT)).toBeUndefined();
    for (const host of [undefined, '', '127.0.0.1', 'localhost', `evil.example:${PORT}`, `127.0.0.1:${PORT + 1}`, `127.0.0.1.evil.example:${PORT}`, `[::1]:${PORT}`, `0.0.0.0:${PORT}`]) {
      const r = checkHost({ host }, PORT);
      expect(r?.status, String(host)).toBe(421);
      expect(r?.message).toMatch(/^Afvist:/);
    }
  });

  it('takes the token from ?token= or its own cookie, compared in full', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
    expect(checkToken({}, new URLSearchParams({ token }), PORT, token)).toBeUndefined();
    expect(checkToken({ cookie: `a=b; ${cookieName(PORT)}=${token}; c=d` }, none, PORT, token)).toBeUndefined();
    expect(checkToken({}, none, PORT, token)?.status).toBe(403);
    expect(checkToken({ cookie: `${cookieName(PORT + 1)}=${token}` }, none, PORT, token)?.status).toBe(403);
    expect(checkToken({ cookie: `${cookieName(PORT)}=${token.slice(0, -1)}` }, none, PORT, token)?.status).toBe(403);
    expect(presentedToken({ cookie: `${cookieName(PORT)}=x` }, new URLSearchParams({ token: 'y' }), PORT)).toBe('y');
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
  });

  it('accepts a write only as JSON from this origin (or without Origin, as curl sends it)', () => {
    const json = { 'content-type': 'application/json' };
    expect(checkWrite(json, PORT)).toBeUndefined();
    expect(checkWrite({ 'content-type': 'application/json; charset=utf-8', origin: `http://127.0.0.1:${PORT}`, 'sec-fetch-site': 'same-origin' }, PORT)).toBeUndefined();
    expect(checkWrite({ ...json, origin: `http://localhost:${PORT}` }, PORT)).toBeUndefined();
    expect(checkWrite({}, PORT)?.status).toBe(415);
    expect(checkWrite({ 'content-type': 'text/plain' }, PORT)?.status).toBe(415);
    expect(checkWrite({ 'content-type': 'application/x-www-form-urlencoded' }, PORT)?.status).toBe(415);
    expect(checkWrite({ ...json, origin: 'http://evil.example' }, PORT)?.status).toBe(403);
    expect(checkWrite({ ...json, origin: 'null' }, PORT)?.status).toBe(403);
    expect(checkWrite({ ...json, origin: `https://127.0.0.1:${PORT}` }, PORT)?.status).toBe(403);
    expect(checkWrite({ ...json, origin: `http://127.0.0.1:${PORT + 1}` }, PORT)?.status).toBe(403);
    expect(checkWrite({ ...json, 'sec-fetch-site': 'cross-site' }, PORT)?.status).toBe(403);
    expect(checkWrite({ ...json, 'sec-fetch-site': 'same-site' }, PORT)?.status).toBe(403);
  });
});
