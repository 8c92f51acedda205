// The little of protobuf's wire format needed to read Anki's schema-18 blobs (notetype config,
// template config, the media list): varints and length-delimited fields. Other wire types are
// skipped. Field numbers come from Anki's proto/anki/*.proto.

export type PbValue = number | Uint8Array;

/** Reads every field of one message into field number → values (in order). Throws on damage. */
export function readMessage(buf: Uint8Array): Map<number, PbValue[]> {
  const out = new Map<number, PbValue[]>();
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    pos = afterKey;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    let value: PbValue;
    if (wire === 0) {
      [value, pos] = readVarint(buf, pos);
    } else if (wire === 2) {
      const [len, start] = readVarint(buf, pos);
      if (start + len > buf.length) throw new Error('length-delimited field runs past the end');
      value = buf.subarray(start, start + len);
      pos = start + len;
    } else if (wire === 1) {
      pos += 8;
      continue;
    } else if (wire === 5) {
      pos += 4;
      continue;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
    if (pos > buf.length) throw new Error('field runs past the end');
    const list = out.get(field);
    if (list) list.push(value);
    else out.set(field, [value]);
  }
  return out;
}

/** A varint as a JS number (exact up to 2^53, which covers every id and enum we read). */
export function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const byte = buf[pos++]!;
    result += (byte & 0x7f) * scale;
    if (!(byte & 0x80)) return [result, pos];
    scale *= 128;
  }
  throw new Error('varint longer than 10 bytes');
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function pbString(msg: Map<number, PbValue[]>, field: number): string {
  const v = msg.get(field)?.at(-1);
  return v instanceof Uint8Array ? utf8.decode(v) : '';
}

export function pbNumber(msg: Map<number, PbValue[]>, field: number): number {
  const v = msg.get(field)?.at(-1);
  return typeof v === 'number' ? v : 0;
}

// --- writing (tests and fixtures build schema-18 blobs with these) --------------------------------

export function writeVarint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 128) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

export type PbField = [field: number, value: number | string | Uint8Array];

export function writeMessage(fields: PbField[]): Uint8Array {
  const bytes: number[] = [];
  for (const [field, value] of fields) {
    if (typeof value === 'number') {
      bytes.push(...writeVarint(field * 8), ...writeVarint(value));
    } else {
      const data = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      bytes.push(...writeVarint(field * 8 + 2), ...writeVarint(data.length), ...data);
    }
  }
  return Uint8Array.from(bytes);
}
