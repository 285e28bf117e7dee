import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FORMATS } from '../formats.js';
import type { CliIo } from '../cli/io.js';
import { readInput } from '../cli/inputs.js';
import type { WorkerPool } from '../cli/worker-pool.js';
import { writeMessages, writeProblem } from '../cli/write-outputs.js';
import { templateProblem } from '../cli/render-job.js';
import { LockedError } from '../cli/folder-lock.js';
import { OutFolderError } from '../cli/out-folder.js';
import { SwapError } from '../cli/swap.js';
import { readPackageJson } from '../util/package-path.js';
import { SCHEMA_FILE } from '../content/schema-files.js';
import type { PreviewAnswer, PreviewDocument, State } from './api.js';
import { loadAssets, NOT_BUILT, type Asset } from './assets.js';
import { DOCUMENTS, Preview } from './preview.js';
import { checkHost, checkToken, checkWrite, newToken, SECURITY_HEADERS, sessionCookie, type Refusal } from './security.js';
import { nextVersion, saveProblem, SaveRefused, toProblem, type Session } from './session.js';

/**
 * `delaftale edit`'s HTTP server: node:http, routes only. What each route does lives in
 * the session (the file), the preview (the workers) and the commands it reuses (build's
 * writing, diff's report). Every request passes the checks in security.ts first.
 */

export interface EditServerOptions {
  session: Session;
  pool: WorkerPool;
  /** --port; 0 lets the system choose a free port. */
  port: number;
  /** The output folder: absolute, and as the user wrote it. */
  out: { path: string; name: string };
  skabelon?: string;
  io: CliIo;
}

export interface EditServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Request bodies: a value a little larger than the 5 MB a content file may have. */
const MAX_BODY = 16 * 1024 * 1024;

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function startEditServer(o: EditServerOptions): Promise<EditServer> {
  const { session, io } = o;
  const token = newToken();
  const assets: Map<string, Asset> | undefined = loadAssets();
  const schema = readPackageJson<object>(SCHEMA_FILE);
  const preview = new Preview(o.pool);
  let changesVersion = 0;
  let port = 0;

  const state = async (): Promise<State> => ({
    file: session.input.name,
    text: session.text,
    hash: session.hash,
    value: session.value,
    schema,
    problems: await session.problems(),
    approved: session.approved,
    out: o.out.name,
    lists: await session.lists(),
  });

  /** The value from the form as the bytes the file would have, validated as `validate` does. */
  const checked = async (value: unknown) => {
    valueGiven(value);
    const bytes = session.bytesFor(session.textFor(value));
    const validated = await session.validate(bytes);
    return { bytes, validated, problems: validated.diagnostics.map((d) => toProblem(d, session.input.name)) };
  };

  const api: Record<string, (body: Record<string, unknown>) => Promise<[number, unknown]>> = {
    '/api/check': async ({ value }) => [200, { problems: (await checked(value)).problems }],

    '/api/preview': async ({ value }) => {
      const { bytes, validated, problems } = await checked(value);
      const documents = (): PreviewDocument[] => DOCUMENTS.map((d) => ({ name: d.name, title: d.title, url: `/preview/${d.name}.pdf?v=${preview.version}` }));
      if (!validated.content) {
        preview.dropWaiting();
        return [200, { version: null, documents: preview.version > 0 ? documents() : [], problems, ms: 0 } satisfies PreviewAnswer];
      }
      const outcome = await preview.request({ bytes, hash: validated.hash, name: session.input.name, plan: await session.planFor(bytes), validated, skabelon: o.skabelon });
      if ('superseded' in outcome) return [200, outcome];
      // A renderer's own warnings (a glyph the fonts lack, a block taller than a page) are problems too.
      const all = outcome.result ? outcome.result.diagnostics.map((d) => toProblem(d, session.input.name)) : problems;
      return [200, { version: outcome.version, documents: preview.version > 0 ? documents() : [], problems: all, ms: outcome.ms } satisfies PreviewAnswer];
    },

    '/api/save': async ({ value, hash }) => {
      if (typeof hash !== 'string') throw new HttpError(400, 'hash mangler: formularen skal sende filens hash, som den blev indlæst.');
      valueGiven(value);
      try {
        return [200, await session.save(value, hash)];
      } catch (e) {
        if (e instanceof SaveRefused) return e.reason === 'not-json' ? [400, { message: e.message }] : [409, { reason: e.reason, message: e.message }];
        if ((e as NodeJS.ErrnoException).code !== undefined) return [500, { message: saveProblem(e, session.input.name) }];
        throw e;
      }
    },

    '/api/reload': async () => {
      const problem = await session.load();
      if (problem) return [409, { reason: 'changed-on-disk', message: `${session.input.name} kan ikke læses: ${problem.message}.` }];
      return [200, await state()];
    },

    '/api/next-version': async ({ value }) => {
      valueGiven(value);
      try {
        return [200, { value: nextVersion(value) }];
      } catch (e) {
        return [400, { message: `Næste version kan ikke startes: ${(e as Error).message}.` }];
      }
    },

    '/api/build': async () => {
      const { buildOnce } = await import('../cli/commands/watch.js');
      const bytes = await readInput(session.input);
      if (!(bytes instanceof Uint8Array)) return [200, { files: [], problems: [toProblem(bytes, session.input.name)], message: `${session.input.name} kan ikke læses; intet blev dannet.` }];
      return preview.lane(async () => {
        try {
          const result = await buildOnce(bytes, session.input, await session.planFor(bytes), o.out.path, o.pool, {
            formats: FORMATS, documents: ['agreement', 'portal'], strict: false, outName: o.out.name, skabelon: o.skabelon, messages: writeMessages(o.out.name, io),
            hint: 'Eller start næste version i formularen.',
          });
          const problems = result.diagnostics.map((d) => toProblem(d, session.input.name));
          if (!result.ok) {
            const message = result.message ?? `${session.input.name} har fejl; intet blev dannet, og de tidligere filer i ${o.out.name}/ er uændrede.`;
            return [200, { files: [], problems, message: result.message ? `${message}\nIntet blev skrevet; de tidligere filer er uændrede.` : message }];
          }
          const files = result.entries.map((e) => e.path);
          return [200, { files, problems, message: `Dannede ${files.length} filer i ${o.out.name}/ ud fra den gemte fil.` }];
        } catch (e) {
          // As watch: the folder, its lock or the swap failed; anything else is a fault in delaftale.
          if ((e as NodeJS.ErrnoException).code === undefined && !(e instanceof OutFolderError) && !(e instanceof LockedError) && !(e instanceof SwapError)) throw e;
          return [200, { files: [], problems: [], message: writeProblem(e, o.out.path, o.out.name) }];
        }
      });
    },

    '/api/changes': async ({ value }) => {
      const base = session.approvedBase;
      if (!base) return [200, { message: 'Der er ingen godkendt version at sammenligne med: filen var ikke godkendt, da den blev åbnet. Ændringsrapporten sammenligner med den godkendte version, editoren har åbnet.' }];
      const { validated } = await checked(value);
      if (!validated.content) return [200, { message: 'Ændringsrapporten kan dannes, når formularen er uden fejl.' }];
      const [{ diffAgreements, reportText }, { reportPdf }] = await Promise.all([import('../revision/report.js'), import('../cli/commands/diff.js')]);
      try {
        const report = diffAgreements(base, validated.content, o.skabelon);
        const pdf = await reportPdf(base, validated.content, report, process.env.SOURCE_DATE_EPOCH);
        preview.pdfs.set('aendringer', pdf.bytes);
        changesVersion += 1;
        return [200, { url: `/preview/aendringer.pdf?v=${changesVersion}`, text: reportText(base, validated.content, report, 'tekst') }];
      } catch (e) {
        const problem = templateProblem(e, session.input.name);
        if (!problem) throw e;
        return [200, { message: problem.message }];
      }
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The path as sent, undecoded: "/assets/%2e%2e%2f…" is a name no asset has, never a path.
    const path = (req.url ?? '/').split('?')[0]!;
    const refused = checkHost(req.headers, port) ?? checkToken(req.headers, url.searchParams, port, token);
    if (refused) return text(res, refused);

    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/' && url.searchParams.has('token')) {
        // The token moves from the address bar into a cookie, and the address loses it.
        res.setHeader('Set-Cookie', sessionCookie(port, token));
        res.writeHead(303, { Location: '/' }).end();
        return;
      }
      if (path === '/') {
        const page = assets?.get('index.html');
        if (!page) return text(res, { status: 503, message: NOT_BUILT });
        return bytes(res, 200, 'text/html; charset=utf-8', page.bytes);
      }
      if (path.startsWith('/assets/')) {
        const asset = assets?.get(path.slice('/assets/'.length));
        if (!asset) return text(res, { status: 404, message: 'Findes ikke.' });
        return bytes(res, 200, asset.type, asset.bytes);
      }
      if (path === '/api/state') return json(res, 200, await state());
      const pdf = /^\/preview\/(aftale|aktivitetsskemaer|aendringer)\.pdf$/.exec(path);
      if (pdf) {
        const found = preview.pdfs.get(pdf[1]!);
        if (!found) return text(res, { status: 404, message: 'Forhåndsvisningen er ikke dannet endnu.' });
        return bytes(res, 200, 'application/pdf', found);
      }
      if (path in api) return text(res, { status: 405, message: 'Brug POST.' });
      return text(res, { status: 404, message: 'Findes ikke.' });
    }
    if (req.method === 'POST') {
      const route = api[path];
      if (!route) return text(res, { status: 404, message: 'Findes ikke.' });
      const bad = checkWrite(req.headers, port);
      if (bad) return text(res, bad);
      const body = await readBody(req);
      const [status, answer] = await route(body);
      return json(res, status, answer);
    }
    res.setHeader('Allow', 'GET, HEAD, POST');
    return text(res, { status: 405, message: 'Metoden understøttes ikke.' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) return json(res, e.status, { message: e.message });
      io.stderr.write(`delaftale: intern fejl i edit: ${(e as Error).message}\n`);
      if (process.env.DELAFTALE_DEBUG) io.stderr.write(`${(e as Error).stack}\n`);
      if (!res.headersSent) json(res, 500, { message: `Intern fejl i delaftale: ${(e as Error).message}` });
      else res.end();
    });
  });
  // Keep-alive connections from the browser would hold close() open.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // Warm the workers on the file as loaded, so the form's first preview finds them ready.
  if (session.value !== null) void api['/api/preview']!({ value: session.value }).catch(() => {});
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function text(res: ServerResponse, r: Refusal): void {
  bytes(res, r.status, 'text/plain; charset=utf-8', new TextEncoder().encode(`${r.message}\n`));
}

function json(res: ServerResponse, status: number, value: unknown): void {
  bytes(res, status, 'application/json; charset=utf-8', new TextEncoder().encode(JSON.stringify(value)));
}

function bytes(res: ServerResponse, status: number, type: string, body: Uint8Array): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Every write but build and reload carries the form's whole value. */
function valueGiven(value: unknown): void {
  if (value === undefined) throw new HttpError(400, 'value mangler: formularen skal sende hele indholdet som "value".');
}

/** The request's JSON object (at most MAX_BODY bytes). */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_BODY) throw new HttpError(413, `For stor forespørgsel (over ${MAX_BODY / 1024 / 1024} MB).`);
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'Forespørgslen er ikke gyldig JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HttpError(400, 'Forespørgslen skal være et JSON-objekt.');
  return parsed as Record<string, unknown>;
}
