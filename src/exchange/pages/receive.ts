import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../access/model/index.ts';
import { UploadLimitError, type StagedUpload, type UploadStore } from './uploads.ts';
import type { UploadFormProblem } from './views.ts';
import { words } from './wording.ts';

/**
 * What one upload may be: a large council's SSD extract is about 50 MB of CSV, so 200 MB a file
 * leaves room; the form itself has two short fields (the CSRF token and the format).
 */
export const UPLOAD_LIMITS = {
  fileSize: 200 * 1024 * 1024,
  files: 50,
  fields: 4,
  fieldSize: 1024,
  fieldNameSize: 64,
  parts: 60,
  headerPairs: 100,
};
/** All files of one upload together. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

const FIELDS = new Set(['_csrf', 'format']);

export interface Received {
  upload: StagedUpload;
  fields: Record<string, string>;
  problem?: UploadFormProblem;
  /** Set once the report page owns the upload; otherwise it is deleted when the response ends. */
  kept: boolean;
}

/** Streams a multipart upload into a new staging folder, turning limit breaches into form problems. */
export async function receiveUpload(request: FastifyRequest, uploads: UploadStore, actor: Actor): Promise<Received> {
  const upload = await uploads.begin(actor.councilId, actor.userId, 'ssd');
  const received: Received = { upload, fields: {}, kept: false };
  if (!request.isMultipart()) return received;
  let total = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (FIELDS.has(part.fieldname) && typeof part.value === 'string') received.fields[part.fieldname] = part.value;
        continue;
      }
      // An empty file input still sends a part, with no name and no bytes.
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      const file = await uploads.addFile(upload, part.filename, part.file, MAX_UPLOAD_BYTES - total);
      total += file.bytes;
    }
  } catch (error) {
    received.problem = problemFor(error);
  }
  return received;
}

function problemFor(error: unknown): UploadFormProblem {
  const code = (error as { code?: string }).code ?? '';
  if (error instanceof UploadLimitError) return { field: 'files', message: error.message };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return { field: 'files', message: words.errors.tooBig(Math.round(UPLOAD_LIMITS.fileSize / 1048576)) };
  if (code === 'FST_FILES_LIMIT') return { field: 'files', message: words.errors.tooManyFiles(UPLOAD_LIMITS.files) };
  if (code.startsWith('FST_')) return { field: 'files', message: words.errors.badForm };
  throw error;
}
