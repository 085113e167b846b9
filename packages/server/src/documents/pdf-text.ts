import { inflateSync } from 'node:zlib';

/** WinAnsi codes 0x80-0x9F that differ from Latin-1 (the rest of WinAnsi is Latin-1). */
const winAnsiHigh: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š',
  0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
  0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

const decodeWinAnsi = (bytes: number[]): string => bytes.map((b) => winAnsiHigh[b] ?? String.fromCharCode(b)).join('');

function literalBytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\') {
      out.push(ch.charCodeAt(0));
      continue;
    }
    const next = s[++i] ?? '';
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (next in escapes) out.push(escapes[next]!);
    else if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(s.slice(i))![0];
      out.push(parseInt(oct, 8));
      i += oct.length - 1;
    }
  }
  return out;
}

/**
 * The text of a PDF that Harbor rendered (standard fonts, Flate-compressed content streams), one
 * line per text-drawing operation. For checks and tests of generated documents; not a general
 * PDF reader.
 */
export function extractPdfText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const lines: string[] = [];
  // Each stream object: its dictionary (between "N G obj" and "stream", no "endobj" between).
  const streamRe = /\d+ \d+ obj((?:(?!endobj)[\s\S])*?)stream\r?\n/g;
  for (let m = streamRe.exec(raw); m; m = streamRe.exec(raw)) {
    const dict = m[1] ?? '';
    const start = m.index + m[0].length;
    const lengthMatch = /\/Length (\d+)/.exec(dict);
    const end = lengthMatch ? start + Number(lengthMatch[1]) : raw.indexOf('endstream', start);
    const data = Buffer.from(raw.slice(start, end), 'latin1');
    let content: string;
    try {
      content = (dict.includes('/FlateDecode') ? inflateSync(data) : data).toString('latin1');
    } catch {
      continue; // not a stream of ours (an embedded font or image)
    }
    const opRe = /<([0-9A-Fa-f\s]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g;
    for (let op = opRe.exec(content); op; op = opRe.exec(content)) {
      if (op[1] !== undefined) {
        const hex = op[1].replace(/\s+/g, '');
        const bytes: number[] = [];
        for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
        lines.push(decodeWinAnsi(bytes));
      } else {
        lines.push(decodeWinAnsi(literalBytes(op[2] ?? '')));
      }
    }
    streamRe.lastIndex = Math.max(streamRe.lastIndex, end);
  }
  return lines.join('\n');
}
