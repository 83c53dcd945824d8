/**
 * Hostile spreadsheets for the tests of the reading limits, built in the test with node:zlib: a
 * zip bomb (a small XLSX whose shared strings expand to gigabytes), a sheet with a value at
 * column XFD in every row, a CSV line that never ends.
 */
import zlib from 'node:zlib';

interface ZipInput {
  name: string;
  /** Raw deflate data (method 8). */
  deflated: Buffer;
  /** The real expanded size. */
  size: number;
  /** What the headers claim (default: the real size; ZIP64 when it does not fit 32 bits). */
  declaredSize?: number;
}

const crcUnknown = 0;

/** A zip of deflated parts, with a central directory (ZIP64 fields where a size needs them). CRCs are left 0: the reader does not check them. */
export function zipOf(parts: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const declared = part.declaredSize ?? part.size;
    const big = declared > 0xfffffffe;
    const extra = big ? Buffer.alloc(12) : Buffer.alloc(0);
    if (big) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(declared), 4);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(big ? 45 : 20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crcUnknown, 14);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(big ? 0xffffffff : declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, part.deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(big ? 45 : 20, 4);
    central.writeUInt16LE(big ? 45 : 20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crcUnknown, 16);
    central.writeUInt32LE(part.deflated.length, 20);
    central.writeUInt32LE(big ? 0xffffffff : declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + name.length + part.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A part deflated as one piece. */
export function part(name: string, text: string): ZipInput {
  const bytes = Buffer.from(text, 'utf8');
  return { name, deflated: zlib.deflateRawSync(bytes), size: bytes.length };
}

/**
 * A part whose body is `unit` repeated `times` times, compressed once and its deflate blocks
 * repeated (a full flush makes each copy independent): gigabytes in a few megabytes.
 */
export function repeatedPart(name: string, o: { head: string; unit: string; times: number; tail?: string }): ZipInput {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const head = Buffer.from(o.head, 'utf8');
  const unit = Buffer.from(o.unit, 'utf8');
  const tail = Buffer.from(o.tail ?? '', 'utf8');
  const block = zlib.deflateRawSync(unit, flush);
  const deflated = Buffer.concat([zlib.deflateRawSync(head, flush), ...Array.from({ length: o.times }, () => block), zlib.deflateRawSync(tail)]);
  return { name, deflated, size: head.length + unit.length * o.times + tail.length };
}

const MiB = 1024 * 1024;

/** The workbook parts around a first sheet. */
function workbookParts(): ZipInput[] {
  return [
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    part(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="户籍台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  ];
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/**
 * The probe's zip bomb: ~5 MB whose shared-strings part expands to ~5 GB. `declared` is what the
 * zip claims for it: the truth (a ZIP64 size) or a lie (a few kilobytes).
 */
export function sharedStringsBomb(declared: 'truth' | 'lie', gigabytes = 5): Buffer {
  // One run of one letter per string: deflate's best ratio (~1,000:1).
  const unit = `<si><t>${'A'.repeat(MiB - 15)}</t></si>`;
  const strings = repeatedPart('xl/sharedStrings.xml', {
    head: '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
    unit,
    times: Math.round((gigabytes * 1024 * MiB) / unit.length),
    tail: '</sst>',
  });
  if (declared === 'lie') strings.declaredSize = 4096;
  const sheet = part('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`);
  return zipOf([...workbookParts(), strings, sheet]);
}

/** The probe's wide sheet: the header, then `rows` rows with a value in column A and one at XFD (~370 KB for 50,000). */
export function xfdSheet(header: readonly string[], rows = 50_000): Buffer {
  const cells = (n: number) => header.map((h, i) => inline(`${String.fromCharCode(65 + i)}${n}`, h)).join('');
  const row = `<row r="{n}">${inline('A{n}', 'G-1')}<c r="XFD{n}"><v>1</v></c></row>`;
  const body = Array.from({ length: rows }, (_, i) => row.replaceAll('{n}', String(i + 2))).join('');
  return zipOf([...workbookParts(), part('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1">${cells(1)}</row>${body}${SHEET_TAIL}`)]);
}

/** A sheet whose shared-strings table holds `count` strings of `length` letters (each in memory while the sheet is read). */
export function manyStringsSheet(count: number, length = 4): Buffer {
  const perUnit = Math.max(1, Math.floor(100_000 / length));
  const unit = Array.from({ length: perUnit }, (_, i) => `<si><t>${String(i).padStart(length, 'A')}</t></si>`).join('');
  const strings = repeatedPart('xl/sharedStrings.xml', {
    head: '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
    unit,
    times: Math.ceil(count / perUnit),
    tail: '</sst>',
  });
  const sheet = part('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`);
  return zipOf([...workbookParts(), strings, sheet]);
}

/** A CSV whose header is followed by a line that never ends: bytes for as long as they are read. */
export async function* endlessCsvLine(header: string): AsyncGenerator<Buffer> {
  yield Buffer.from(`${header}\r\nG-1,`);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  for (;;) yield chunk;
}
