import QRCode from 'qrcode';

/**
 * A QR code of `text` as an SVG document, drawn on the server so that no
 * page carries the QR library: the meeting page loads it as an image only
 * when the member opens "QR code", the cell page gets it with the link.
 */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000', light: '#fff' },
  });
}

/** The same, as a data: URL an <img> can show (the Content-Security-Policy allows data: images). */
export async function qrDataUrl(text: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await qrSvg(text)).toString('base64')}`;
}
