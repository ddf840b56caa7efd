/**
 * The bytes of an export file, streamed as the rows come: a first line (CSV) or first row (XLSX)
 * with the watermark, the header row, then one line per record. The rows are an async iterable of
 * pages; the file reads the next page only when the client has taken the last one (CSV: a pulled
 * ReadableStream; XLSX: exceljs's streaming WorkbookWriter, waiting for the socket to drain after
 * each page), so a 100,000-row export holds about one page at a time.
 */
import { once } from 'node:events';
import { PassThrough, Readable, Transform } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { ExportFormat } from '../../domain/export-request';
import { CSV_BOM, csvLine } from './csv-format';

export type ExportCell = string | number;

export interface ExportFileParts {
  watermark: string;
  headers: readonly string[];
  sheetName: string;
  pages: AsyncIterable<readonly ExportCell[][]>;
}

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The file as a web stream for the response. */
export function exportFileStream(format: ExportFormat, parts: ExportFileParts): ReadableStream<Uint8Array> {
  return format === 'csv' ? csvStream(parts) : xlsxStream(parts);
}

function csvStream(parts: ExportFileParts): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = parts.pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(CSV_BOM + csvLine([parts.watermark]) + csvLine(parts.headers)));
          return;
        }
        // A page the filters emptied enqueues nothing, and the stream would not pull again: read on.
        for (;;) {
          const next = await pages.next();
          if (next.done) return controller.close();
          if (next.value.length > 0)
            return controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
        }
      },
      async cancel() {
        await pages.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

/** Bytes the XLSX may have waiting for the client before the next page is read. */
const XLSX_BUFFER_BYTES = 1024 * 1024;
/** The longest wait for the archive to move after a page, when a page compresses to no output yet. */
const XLSX_PAGE_WAIT_MS = 200;

/**
 * Paces the rows to the archive: exceljs's sheet stream and the zip buffer whatever they are given
 * without pushing back, so after each page the writer waits for compressed bytes to come out of
 * the zip (a page of ~300 KB of XML always yields some; the timer only bounds the wait for a page
 * that does not), then for the client to make room.
 */
async function paced(out: PassThrough, zipped: Transform, bytesBefore: number, bytesNow: () => number) {
  if (bytesNow() === bytesBefore && !zipped.destroyed) {
    const stop = new AbortController();
    await Promise.race([
      once(zipped, 'data', { signal: stop.signal }),
      once(zipped, 'close', { signal: stop.signal }),
      delay(XLSX_PAGE_WAIT_MS, undefined, { signal: stop.signal }),
    ])
      .catch(() => undefined)
      .finally(() => stop.abort());
  }
  while (out.writableNeedDrain && !out.destroyed) {
    const stop = new AbortController();
    await Promise.race([
      once(out, 'drain', { signal: stop.signal }),
      once(out, 'close', { signal: stop.signal }),
    ])
      .catch(() => undefined)
      .finally(() => stop.abort());
  }
}

function xlsxStream(parts: ExportFileParts): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: XLSX_BUFFER_BYTES });
  let zippedBytes = 0;
  const zipped = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      zippedBytes += chunk.byteLength;
      done(null, chunk);
    },
  });
  zipped.pipe(out);
  out.on('close', () => zipped.destroy());
  const write = async () => {
    // No shared strings or styles: both are kept in memory until the end by exceljs.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: zipped,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = workbook.addWorksheet(parts.sheetName);
    sheet.addRow([parts.watermark]).commit();
    sheet.addRow([...parts.headers]).commit();
    for await (const page of parts.pages) {
      // The client went away: leaving the loop ends the pages (the export is recorded as failed).
      if (out.destroyed) break;
      if (page.length === 0) continue;
      const before = zippedBytes;
      for (const row of page) sheet.addRow(row).commit();
      await paced(out, zipped, before, () => zippedBytes);
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
