// The part of pdfkit's API the receipt renderer uses (pdfkit ships no types; @types/pdfkit
// would be one more dependency for a handful of methods).
declare module 'pdfkit' {
  import type { Readable } from 'node:stream';

  interface TextOptions {
    width?: number;
    height?: number;
    align?: 'left' | 'center' | 'right' | 'justify';
    lineBreak?: boolean;
    ellipsis?: boolean | string;
    characterSpacing?: number;
    lineGap?: number;
  }

  interface DocumentOptions {
    size?: string | [number, number];
    layout?: 'portrait' | 'landscape';
    margin?: number;
    /** a font path or registered name, or null for none until `font()` is called */
    font?: string | null;
    compress?: boolean;
    autoFirstPage?: boolean;
    lang?: string;
    info?: { Title?: string; Author?: string; Subject?: string; Creator?: string; Producer?: string; CreationDate?: Date };
  }

  class PDFDocument extends Readable {
    constructor(options?: DocumentOptions);
    page: { width: number; height: number; margins: { top: number; left: number; right: number; bottom: number } };
    x: number;
    y: number;
    registerFont(name: string, src: string | Buffer | Uint8Array, family?: string): this;
    font(src: string, size?: number): this;
    fontSize(size: number): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    widthOfString(text: string, options?: TextOptions): number;
    heightOfString(text: string, options?: TextOptions): number;
    addPage(options?: DocumentOptions): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    rect(x: number, y: number, w: number, h: number): this;
    roundedRect(x: number, y: number, w: number, h: number, r?: number): this;
    lineWidth(w: number): this;
    stroke(color?: string): this;
    fill(color?: string): this;
    fillColor(color: string, opacity?: number): this;
    strokeColor(color: string, opacity?: number): this;
    opacity(opacity: number): this;
    save(): this;
    restore(): this;
    rotate(angle: number, options?: { origin?: [number, number] }): this;
    end(): void;
  }

  export default PDFDocument;
}
