/**
 * The printable A4 poster of a village's resident page (扫码反映二维码): drawn in the admin's
 * browser on a canvas, with the browser's own Chinese fonts (the server has none to draw with),
 * and saved as a PNG at 150 dpi. The QR code comes from the `qrcode` package's matrix, drawn
 * module by module so it stays sharp at any print size.
 */
import QRCode from 'qrcode';

/** A4 at 150 dpi. */
export const POSTER_WIDTH = 1240;
export const POSTER_HEIGHT = 1754;

/**
 * The address a village's code opens: the resident page with the village preset.
 *
 * @example
 * residentPageUrl('https://lianxin.example.gov.cn', '370921104201'); // 'https://lianxin.example.gov.cn/r?v=370921104201'
 */
export const residentPageUrl = (origin: string, villageCode: string) => `${origin.replace(/\/+$/, '')}/r?v=${villageCode}`;

export interface PosterTexts {
  title: string;
  place: string;
  scan: string;
  steps: string[];
  footer: string;
}

/**
 * Draws the poster for `url` onto `canvas` (resized to A4 at 150 dpi).
 *
 * @example
 * drawPoster(canvas, residentPageUrl(location.origin, '370921104201'), { title: '群众诉求 · 扫码反映', place: '宁阳县 堽城镇 …村', scan: '…', steps: ['1. …'], footer: '…' });
 */
export function drawPoster(canvas: HTMLCanvasElement, url: string, texts: PosterTexts): void {
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d canvas');
  const font = (size: number, weight = 'normal') => `${weight} ${size}px "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  g.fillStyle = '#b3261e';
  g.fillRect(0, 0, POSTER_WIDTH, 260);
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillStyle = '#ffffff';
  g.font = font(84, 'bold');
  g.fillText(texts.title, POSTER_WIDTH / 2, 130, POSTER_WIDTH - 120);
  g.fillStyle = '#222222';
  g.font = font(52, 'bold');
  g.fillText(texts.place, POSTER_WIDTH / 2, 350, POSTER_WIDTH - 120);

  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const quiet = 4;
  const side = 760;
  const cell = Math.floor(side / (modules + quiet * 2));
  const drawn = cell * (modules + quiet * 2);
  const left = Math.round((POSTER_WIDTH - drawn) / 2);
  const top = 440;
  g.fillStyle = '#ffffff';
  g.fillRect(left, top, drawn, drawn);
  g.fillStyle = '#000000';
  for (let row = 0; row < modules; row += 1) {
    for (let col = 0; col < modules; col += 1) {
      if (qr.modules.get(row, col)) g.fillRect(left + (col + quiet) * cell, top + (row + quiet) * cell, cell, cell);
    }
  }
  g.strokeStyle = '#b3261e';
  g.lineWidth = 6;
  g.strokeRect(left - 12, top - 12, drawn + 24, drawn + 24);

  g.fillStyle = '#b3261e';
  g.font = font(44, 'bold');
  g.fillText(texts.scan, POSTER_WIDTH / 2, top + drawn + 70, POSTER_WIDTH - 120);
  g.textAlign = 'left';
  g.fillStyle = '#333333';
  g.font = font(36);
  texts.steps.forEach((line, i) => g.fillText(line, 110, top + drawn + 170 + i * 70, POSTER_WIDTH - 220));
  g.textAlign = 'center';
  g.fillStyle = '#666666';
  g.font = font(26);
  g.fillText(url, POSTER_WIDTH / 2, POSTER_HEIGHT - 130, POSTER_WIDTH - 120);
  g.font = font(32, 'bold');
  g.fillText(texts.footer, POSTER_WIDTH / 2, POSTER_HEIGHT - 70, POSTER_WIDTH - 120);
}

/**
 * The poster as a PNG blob.
 *
 * @example
 * const blob = await posterPng(url, texts); // image/png, 1240 × 1754
 */
export function posterPng(url: string, texts: PosterTexts): Promise<Blob> {
  const canvas = document.createElement('canvas');
  drawPoster(canvas, url, texts);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the poster could not be drawn'))), 'image/png'));
}
