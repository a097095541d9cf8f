import type { Response } from 'express';

/** ASCII-only fallback plus the RFC 5987 form, so every browser saves the house-style file name. */
const attachment = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** Sends a rendered export as a download that no cache keeps (exports hold case content). */
export function sendDownload(res: Response, file: { body: Buffer | string; contentType: string; fileName: string }): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', attachment(file.fileName));
  res.setHeader('Cache-Control', 'no-store');
  res.send(file.body);
}
