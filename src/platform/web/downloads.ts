import type { FastifyReply } from 'fastify';

/** The download formats a page offers, in the order its links show them. */
export const DOWNLOAD_FORMATS = {
  csv: { name: 'CSV', type: 'text/csv; charset=utf-8' },
  xlsx: { name: 'Excel', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pdf: { name: 'PDF', type: 'application/pdf' },
} as const;
export type DownloadFormat = keyof typeof DOWNLOAD_FORMATS;

/**
 * The "Download as …" links of a page: `path` is the page's own path, `search` its query string
 * (so the file holds what the page shows: the same date, filters and order).
 */
export function downloadLinks(path: string, search: string, formats: readonly DownloadFormat[]) {
  return formats.map((format) => ({
    format,
    text: `Download as ${DOWNLOAD_FORMATS[format].name}`,
    href: `${path}/export.${format}${search}`,
  }));
}

/**
 * Sends a file as an attachment. Personal data: never cached by a browser or a proxy.
 * `name` is built from ids and dates, but is still reduced to safe characters.
 */
export function sendDownload(reply: FastifyReply, format: DownloadFormat, name: string, bytes: Buffer): FastifyReply {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-');
  return reply
    .header('content-type', DOWNLOAD_FORMATS[format].type)
    .header('content-disposition', `attachment; filename="${safe}.${format}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}
