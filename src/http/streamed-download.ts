import type { Context } from 'hono';
import { logger } from '../core/logger.js';
import type { AppEnvironment } from './context.js';

/** Writes one piece of a file being sent; rejects when the client has gone away, so the producer stops. */
export type WriteChunk = (chunk: string) => Promise<void>;

/**
 * A file download sent while it is produced (a large CSV). The status and headers leave before the last row is
 * read, so a failure partway cannot become an error page any more: it errors the body stream instead. The server
 * then drops the connection without the closing chunk and the browser marks the download failed, never a 200
 * whose file merely looks complete.
 */
export function streamDownload(
  c: Context<AppEnvironment>,
  file: { contentType: string; filename: string },
  produce: (write: WriteChunk) => Promise<unknown>,
): Response {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const encoder = new TextEncoder();
  const write: WriteChunk = async (chunk) => {
    await writer.ready;
    await writer.write(encoder.encode(chunk));
  };
  const route = c.req.routePath;
  produce(write)
    .then(
      () => writer.close(),
      (error: unknown) => {
        logger.error('download failed partway', {
          route,
          error: error instanceof Error ? error.message : String(error),
        });
        // The cause stays in our log: the HTTP server prints the abort reason as it drops the connection.
        return writer.abort(new Error('download failed partway'));
      },
    )
    .catch(() => undefined); // the client went away: closing or aborting a cancelled stream has nobody left to tell
  return c.body(readable, 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'Cache-Control': 'no-store',
  });
}
