import { PDFParse } from 'pdf-parse';

/** The text of a PDF, with no-break spaces as plain spaces so French amounts compare simply. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/\u00a0/g, ' ');
  } finally {
    await parser.destroy();
  }
}
