import 'server-only';
import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError, notFound, type ErrorKey } from '../errors';
import { can, type Member as PermissionMember, type Permission } from '../shared/permissions';
import type { Role } from '../db/generated/enums';
import { uploadStorage } from './storage';
import { decodeCsvBytes, xlsxToCsv } from './table-file';

// The one way a file enters Linli (app/api/uploads): at most 25 MB (a CSV) or 10 MB (an
// image), counted while the body streams in; its type decided by its content, never by its
// name or the browser's word; a CSV's encoding by its bytes (UTF-8 or GBK) and an Excel workbook
// of an import that takes one read into CSV; images decoded and re-encoded (which drops metadata and anything
// smuggled after the image data), with a small WebP thumbnail where the purpose shows lists of
// pictures; SVG refused (it is a script container). Imports and photos then read it by id.

/** The largest upload of any purpose (the route's first, pre-authorization cut-off). */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** The largest image (photos from a phone camera are 2–6 MB). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** A thumbnail fits inside this square (WebP). */
export const THUMB_SIZE = 320;

/**
 * What a file is for: its kind decides the accepted types and the size cap, its permission
 * who may upload it (a list: any of them), `thumb` whether a thumbnail is stored beside it
 * (key `<tenantId>/<uploadId>-thumb`).
 */
export const UPLOAD_PURPOSES = {
  // `sheet`: an Excel workbook is taken too (its first sheet, stored as CSV)
  'units-csv': { kind: 'csv', permission: 'register.write', sheet: true },
  'readings-csv': { kind: 'csv', permission: 'fees.manage' },
  photo: { kind: 'image', permission: 'register.write' },
  seal: { kind: 'image', permission: 'company.manage' },
  'work-order-photo': { kind: 'image', permission: ['workorders.request', 'workorders.work', 'workorders.dispatch'], thumb: true },
  'announcement-image': { kind: 'image', permission: 'services.manage', thumb: true },
} as const satisfies Record<string, { kind: 'csv' | 'image'; permission: Permission | readonly Permission[]; thumb?: boolean; sheet?: boolean }>;
export type UploadPurpose = keyof typeof UPLOAD_PURPOSES;
export const isUploadPurpose = (s: string): s is UploadPurpose => Object.hasOwn(UPLOAD_PURPOSES, s);

/** Whether `member` may upload a file for `purpose` (any of its permissions). */
export function mayUpload(member: Role | PermissionMember, purpose: UploadPurpose): boolean {
  const p: Permission | readonly Permission[] = UPLOAD_PURPOSES[purpose].permission;
  return (typeof p === 'string' ? [p] : p).some((x) => can(member, x));
}

/** The size cap of `purpose`'s files. */
export const maxBytesFor = (purpose: UploadPurpose) => (UPLOAD_PURPOSES[purpose].kind === 'image' ? MAX_IMAGE_BYTES : MAX_UPLOAD_BYTES);

/** The storage id of an upload's thumbnail (beside it, same company folder). */
export const thumbIdOf = (uploadId: string) => `${uploadId}-thumb`;
const withThumb = (purpose: UploadPurpose) => 'thumb' in UPLOAD_PURPOSES[purpose] && UPLOAD_PURPOSES[purpose].thumb;
/** Whether `purpose` takes an Excel workbook as well as CSV. */
export const takesSheet = (purpose: UploadPurpose) => 'sheet' in UPLOAD_PURPOSES[purpose] && UPLOAD_PURPOSES[purpose].sheet;
/** Rows of a workbook read at most (above every importer's own limit, which reports the excess). */
const MAX_SHEET_ROWS = 100_000;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const IMAGE_TYPES: Record<string, 'jpeg' | 'png' | 'webp'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

/** Why an upload is refused: keys of the errors catalog. */
export const UPLOAD_ERRORS = {
  tooLarge: 'uploadTooLarge',
  imageTooLarge: 'uploadImageTooLarge',
  empty: 'fileEmpty',
  svg: 'uploadSvg',
  notImage: 'uploadNotImage',
  notText: 'uploadNotText',
  encoding: 'uploadEncoding',
  badSheet: 'uploadBadSheet',
  badImage: 'uploadBadImage',
} as const satisfies Record<string, ErrorKey>;

const looksLikeSvg = (bytes: Uint8Array) => {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<svg') || ((head.startsWith('<?xml') || head.startsWith('<!doctype') || head.startsWith('<!--')) && head.includes('<svg'));
};

export interface CheckedFile {
  bytes: Uint8Array;
  contentType: string;
  /** A WebP inside THUMB_SIZE², for purposes with `thumb` */
  thumb?: Uint8Array;
}

/** Decides a file's type by its content and returns what is stored (images re-encoded). Throws AppError 400. */
export async function checkUpload(purpose: UploadPurpose, bytes: Uint8Array): Promise<CheckedFile> {
  if (bytes.byteLength === 0) throw new AppError('BAD_REQUEST', UPLOAD_ERRORS.empty);
  const { kind } = UPLOAD_PURPOSES[purpose];
  if (bytes.byteLength > maxBytesFor(purpose)) throw new AppError('PAYLOAD_TOO_LARGE', kind === 'image' ? UPLOAD_ERRORS.imageTooLarge : UPLOAD_ERRORS.tooLarge);
  const detected = await fileTypeFromBuffer(bytes);
  if (looksLikeSvg(bytes) || detected?.mime === 'image/svg+xml') throw new AppError('BAD_REQUEST', UPLOAD_ERRORS.svg);

  if (kind === 'csv') {
    // Stored as UTF-8 CSV whatever it came as, so that every importer reads one form.
    const asCsv = (text: string) => ({ bytes: new TextEncoder().encode(text), contentType: 'text/csv; charset=utf-8' });
    if (detected?.mime === XLSX_MIME && takesSheet(purpose)) {
      const csv = await xlsxToCsv(bytes, MAX_SHEET_ROWS);
      if (csv === null) throw new AppError('BAD_REQUEST', UPLOAD_ERRORS.badSheet);
      return asCsv(csv);
    }
    // A CSV has no magic number: anything file-type recognises (zip, pdf, images, executables) is not one.
    if (detected) throw new AppError('BAD_REQUEST', UPLOAD_ERRORS.notText);
    const decoded = decodeCsvBytes(bytes);
    if (!decoded) throw new AppError('BAD_REQUEST', UPLOAD_ERRORS.encoding);
    if (decoded.text.includes('\u0000')) throw new AppError('BAD_REQUEST', UPLOAD_ERRORS.notText);
    return decoded.encoding === 'utf-8' ? { bytes, contentType: 'text/csv; charset=utf-8' } : asCsv(decoded.text);
  }

  const format = detected ? IMAGE_TYPES[detected.mime] : undefined;
  if (!format) throw new AppError('BAD_REQUEST', UPLOAD_ERRORS.notImage);
  try {
    // rotate() applies the EXIF orientation before metadata is dropped; limitInputPixels
    // refuses decompression bombs (a tiny file that decodes to gigapixels).
    const image = sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error' }).rotate();
    const out = await image.clone().toFormat(format).toBuffer();
    const thumb = withThumb(purpose)
      ? await image.clone().resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer()
      : undefined;
    return { bytes: new Uint8Array(out), contentType: detected!.mime, ...(thumb ? { thumb: new Uint8Array(thumb) } : {}) };
  } catch {
    throw new AppError('BAD_REQUEST', UPLOAD_ERRORS.badImage);
  }
}

/** Stores a checked file for a company; returns its id (used as `uploadId` by the imports). */
export async function storeUpload(
  scope: { tenantId: string; userId: string },
  purpose: UploadPurpose,
  fileName: string,
  file: CheckedFile,
): Promise<{ id: string; contentType: string; size: number; thumbId?: string }> {
  const id = randomUUID();
  const meta = { purpose, fileName: fileName.slice(0, 200), userId: scope.userId, createdAt: new Date().toISOString() };
  const storage = uploadStorage();
  // the thumbnail first: once the upload exists, so does its thumbnail
  if (file.thumb)
    await storage.put(`${scope.tenantId}/${thumbIdOf(id)}`, file.thumb, {
      ...meta,
      purpose: 'thumbnail',
      contentType: 'image/webp',
      size: file.thumb.byteLength,
    });
  await storage.put(`${scope.tenantId}/${id}`, file.bytes, { ...meta, contentType: file.contentType, size: file.bytes.byteLength });
  return { id, contentType: file.contentType, size: file.bytes.byteLength, ...(file.thumb ? { thumbId: thumbIdOf(id) } : {}) };
}

/** The text of a company's uploaded CSV for `purpose`; NOT_FOUND for another company's id or another purpose. */
export async function readUploadedCsv(tenantId: string, uploadId: string, purpose: UploadPurpose): Promise<{ csv: string; fileName: string }> {
  if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw notFound('upload');
  const got = await uploadStorage().get(`${tenantId}/${uploadId}`);
  if (!got || got.meta.purpose !== purpose) throw notFound('upload');
  return { csv: got.bytes.toString('utf8'), fileName: got.meta.fileName };
}

/**
 * The CSV an import names: an upload of `purpose` (by id, read back as this company's), or the
 * text itself from a server-side caller. The name given with the request wins over the upload's.
 */
export async function importedCsv(
  tenantId: string,
  input: { uploadId?: string | undefined; csv?: string | undefined; fileName?: string | undefined },
  purpose: UploadPurpose,
): Promise<{ csv: string; fileName?: string | undefined }> {
  const file = input.uploadId ? await readUploadedCsv(tenantId, input.uploadId, purpose) : { csv: input.csv!, fileName: input.fileName };
  return { csv: file.csv, fileName: input.fileName ?? file.fileName };
}
