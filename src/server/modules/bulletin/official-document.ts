/**
 * The building blocks of a Chinese official document (党政机关公文格式, GB/T 9704-2012) in the
 * `docx` library: the page, the fonts and sizes, the red 版头, numbered headings, tables and the
 * page numbers. The bulletin and the working notes are both written with them.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';

const twips = (mm: number) => Math.round((mm * 1440) / 25.4);

/** A4 and the standard's margins (天头 37 mm, 订口 28 mm, 版心 156 × 225 mm), in twips. */
export const PAGE = {
  width: twips(210),
  height: twips(297),
  margin: { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) },
} as const;
/** The text area's width: 156 mm. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

/** Chinese type sizes (字号) in half-points, as docx takes them. */
export const SIZE = { 小初: 72, 一号: 52, 二号: 44, 三号: 32, 四号: 28, 小四: 24, 五号: 21 } as const;

/** The fonts; eastAsia names as the standard's fonts are installed on government PCs, with the common fallbacks in Latin names for the rest. */
export const FONT = {
  仿宋: { eastAsia: '仿宋_GB2312', ascii: 'FangSong', hAnsi: 'FangSong' },
  小标宋: { eastAsia: '方正小标宋简体', ascii: 'FZXiaoBiaoSong-B05S', hAnsi: 'FZXiaoBiaoSong-B05S' },
  黑体: { eastAsia: '黑体', ascii: 'SimHei', hAnsi: 'SimHei' },
  楷体: { eastAsia: '楷体_GB2312', ascii: 'KaiTi', hAnsi: 'KaiTi' },
  宋体: { eastAsia: '宋体', ascii: 'SimSun', hAnsi: 'SimSun' },
} as const;
export type FontName = keyof typeof FONT;

/** The 版头's red. */
export const RED = 'FF0000';

/**
 * 22 lines of 28 characters of 3号 text on the 225 × 156 mm text area: a line pitch of
 * 225 mm / 22 (579 twips, 28.95 pt) and a character pitch of 156 mm / 28, given to Word as the
 * difference from 16 pt in 1/4096 pt.
 */
const LINE_PITCH = Math.floor(twips(225) / 22);
const CHAR_SPACE = Math.round(((TEXT_WIDTH / 20 / 28) - 16) * 4096);
/** Two characters of 3号 (2 × 16 pt) in twips: the first-line indent of body text. */
export const TWO_CHARS = 640;

interface RunOptions {
  font?: FontName;
  size?: number;
  bold?: boolean;
  color?: string;
}

export const run = (text: string, o: RunOptions = {}) =>
  new TextRun({ text, font: FONT[o.font ?? '仿宋'], size: o.size ?? SIZE.三号, ...(o.bold ? { bold: true } : {}), ...(o.color ? { color: o.color } : {}) });

/** A body paragraph: 3号 仿宋, first line indented two characters, exact line pitch. */
export function body(children: (string | TextRun)[], o: { indent?: boolean; align?: 'left' | 'center' | 'right' | 'both'; font?: FontName; bold?: boolean; rightIndent?: number } = {}) {
  return new Paragraph({
    alignment: o.align === 'center' ? AlignmentType.CENTER : o.align === 'right' ? AlignmentType.RIGHT : o.align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    indent: { ...(o.indent === false ? {} : { firstLine: TWO_CHARS }), ...(o.rightIndent ? { right: o.rightIndent } : {}) },
    spacing: { line: LINE_PITCH, lineRule: 'exact' },
    children: children.map((c) => (typeof c === 'string' ? run(c, { font: o.font ?? '仿宋', ...(o.bold ? { bold: true } : {}) }) : c)),
  });
}

/** 一、 in 黑体; （一） in 楷体; 1. in 仿宋 bold — the standard's three heading levels. */
export function heading(level: 1 | 2 | 3, text: string) {
  return body([text], { font: level === 1 ? '黑体' : level === 2 ? '楷体' : '仿宋', bold: level === 3 });
}

export const blank = () => body([''], { indent: false });

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
/** 一、二、… for level-1 headings. */
export const chineseOrdinal = (n: number) => CHINESE_NUMERALS[n - 1] ?? String(n);

/** The 版头: the issuing office in red 小标宋, the document number centred below, the red separator line. */
export function redHeader(issuer: string, number: string | null): Paragraph[] {
  // The office's name fills at most the text area's width: long names get a smaller size (22–36 pt).
  const points = Math.max(22, Math.min(36, Math.floor((TEXT_WIDTH / 20 - 10) / [...issuer].length)));
  return [
    new Paragraph({ spacing: { line: LINE_PITCH, lineRule: 'exact' }, children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 0, line: points * 20 + 120, lineRule: 'exact' },
      children: [new TextRun({ text: issuer, font: FONT.小标宋, size: points * 2, color: RED })],
    }),
    new Paragraph({ spacing: { line: LINE_PITCH, lineRule: 'exact' }, children: [] }),
    // 发文字号 centred, the red line 4 mm below it (the paragraph's bottom border).
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE_PITCH, lineRule: 'exact', after: 0 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
      children: [run(number ?? '', { font: '仿宋' })],
    }),
    new Paragraph({ spacing: { line: LINE_PITCH, lineRule: 'exact' }, children: [] }),
  ];
}

/** The title: 2号 小标宋, centred, followed by a blank line. */
export function title(text: string): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: 'exact' }, children: [run(text, { font: '小标宋', size: SIZE.二号 })] }),
    blank(),
  ];
}

/** A table in 小4 (the header row bold), full text width, columns in the given proportions. */
export function table(header: string[], rows: string[][], proportions: number[]): Table {
  const total = proportions.reduce((s, p) => s + p, 0);
  const widths = proportions.map((p) => Math.floor((TEXT_WIDTH * p) / total));
  const cell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: text.split('\n').map((line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [run(line, { size: SIZE.小四, font: bold ? '黑体' : '仿宋' })] })),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, i, false)) })),
    ],
  });
}

/** "— 1 —" in 4号 宋体: odd pages on the right, even on the left, one character in from the edge. */
function pageNumberFooter(side: 'odd' | 'even') {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONT.宋体, size: SIZE.四号 })],
      }),
    ],
  });
}

/** A line in red at the top of every page (a draft's 征求意见稿, the working notes' 内部资料). */
function markHeader(mark: string) {
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(mark, { font: '黑体', size: SIZE.四号, color: RED })] })] });
}

/**
 * A whole document in the standard's form: A4, its margins, the 22 × 28 grid, page numbers on
 * the outer side, the 3号 仿宋 default; `mark` (e.g. 征求意见稿) at the top of every page.
 *
 * @example
 * const doc = officialDocument({ children: [...redHeader('宁阳县…办公室', '宁联办〔2026〕12号'), ...title('关于…的通报')], mark: null, title: '通报' });
 */
export function officialDocument(options: { children: ISectionOptions['children']; mark: string | null; title: string }): Document {
  const headers = options.mark ? { headers: { default: markHeader(options.mark), even: markHeader(options.mark) } } : {};
  return new Document({
    title: options.title,
    creator: 'Lianxin',
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONT.仿宋, size: SIZE.三号 }, paragraph: { spacing: { line: LINE_PITCH, lineRule: 'exact' } } } } },
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...PAGE.margin, header: twips(15), footer: twips(23) } },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        ...headers,
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: options.children,
      },
    ],
  });
}
