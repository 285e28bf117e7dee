// The edit server's HTTP API (see /work/edit-contract.md and the README): JSON in and out,
// same origin, the session cookie set when the page was opened with ?token=.

import type { PreviewAnswer, Problem, State } from '../../src/edit/api.js';

export type { PreviewAnswer, PreviewDocument, Problem, State } from '../../src/edit/api.js';

/** An answer that was not 2xx: its status and JSON body (or text). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly body: Record<string, unknown>) {
    super(typeof body.message === 'string' ? body.message : `Serveren svarede ${status}`);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { message: 'Ingen forbindelse til delaftale edit. Kører den stadig i terminalen?' });
  }
  const text = await res.text();
  let data: Record<string, unknown>;
  try {
    data = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    data = { message: text };
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data as T;
}

export const api = {
  state: () => call<State>('GET', '/api/state'),
  reload: () => call<State>('POST', '/api/reload', {}),
  check: (value: unknown) => call<{ problems: Problem[] }>('POST', '/api/check', { value }),
  preview: (value: unknown) => call<PreviewAnswer>('POST', '/api/preview', { value }),
  save: (value: unknown, hash: string) => call<{ hash: string; text: string }>('POST', '/api/save', { value, hash }),
  nextVersion: (value: unknown) => call<{ value: Record<string, unknown> }>('POST', '/api/next-version', { value }),
  build: () => call<{ files: string[]; problems: Problem[]; message: string }>('POST', '/api/build', {}),
  changes: (value: unknown) => call<{ url?: string; text?: string; message?: string }>('POST', '/api/changes', { value }),
};
