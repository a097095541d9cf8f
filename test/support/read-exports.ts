/** Reads exported minutes back the way a recipient's software would, so tests check the files, not our intentions. */
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Strict RFC 4180: CRLF between records, "" inside quoted fields; anything else is a malformed file and throws. */
export const parseCsv = (input: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const readField = (): string => {
    if (input[i] !== '"') {
      const end = input.slice(i).search(/,|\r\n|$/);
      const field = input.slice(i, i + end);
      if (/["\r\n]/.test(field)) throw new Error(`unquoted quote or line break in ${JSON.stringify(field)}`);
      i += end;
      return field;
    }
    let field = '';
    for (i++; ; ) {
      if (i >= input.length) throw new Error('unterminated quoted field');
      if (input.startsWith('""', i)) {
        field += '"';
        i += 2;
      } else if (input[i] === '"') {
        i++;
        return field;
      } else field += input[i++];
    }
  };
  while (i < input.length) {
    row.push(readField());
    if (input[i] === ',') i++;
    else if (input.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}`);
  }
  if (row.length) throw new Error('last record not ended by CRLF');
  return rows;
};

const decodeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The visible text of a WordprocessingML part, one string per paragraph. */
export const wordParagraphs = (xml: string): string[] =>
  xml
    .split('</w:p>')
    .map((p) => decodeXml([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')))
    .filter((p) => p !== '');

export interface DocxParts {
  document: string;
  headers: string[];
  footers: string[];
}

export const unzipDocx = (body: Buffer): DocxParts => {
  const files = unzipSync(new Uint8Array(body));
  const parts = (pattern: RegExp): string[] =>
    Object.keys(files)
      .filter((name) => pattern.test(name))
      .map((name) => strFromU8(files[name]!));
  const document = files['word/document.xml'];
  if (!document) throw new Error('no word/document.xml');
  return { document: strFromU8(document), headers: parts(/^word\/header\d*\.xml$/), footers: parts(/^word\/footer\d*\.xml$/) };
};

/** The text of each page, lines joined by "\n". */
export const pdfPages = async (body: Buffer): Promise<string[]> => {
  const pdf = await getDocument({ data: new Uint8Array(body), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages;
};

export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
}

/** Every text run of every page with where it sits, to check that no run is drawn over another. */
export const pdfTextItems = async (body: Buffer): Promise<PdfTextItem[][]> => {
  const pdf = await getDocument({ data: new Uint8Array(body), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfTextItem[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.flatMap((item) => ('str' in item && item.str !== '' ? [{ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width }] : [])));
  }
  await pdf.destroy();
  return pages;
};
