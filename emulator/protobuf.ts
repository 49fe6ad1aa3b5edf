/**
 * The two protobuf messages of wx-server-sdk's `wx.openApi` call (see its src/protobuf/openapi.js):
 *   CommApiData     { 1 apiType: int32, 2 openapiData: OpenApiData, 6 appid: string, … }
 *   OpenApiData     { 1 pairs: repeated KeyValuePair }
 *   KeyValuePair    { 1 key: string, 2 value: bytes, 3 contenttype: string, 4 filename: string }
 *   CommOpenApiResp { 1 respData: bytes, 2 contentType: string, 3 errorCode: int32 }
 */
export interface KeyValuePair {
  key: string
  value: Buffer
}

export interface CommApiData {
  apiType: number
  pairs: KeyValuePair[]
  appid?: string
}

interface Field {
  no: number
  /** low 32 bits of a varint (enough for the int32 / length fields used here) */
  varint?: number
  bytes?: Buffer
}

function readVarint(buf: Buffer, pos: number): [number, number] {
  let low = 0
  for (let shift = 0; ; shift += 7) {
    if (pos >= buf.length) throw new Error('truncated varint')
    if (shift > 63) throw new Error('varint too long')
    const b = buf[pos++]
    if (shift < 32) low = (low + (b & 0x7f) * 2 ** shift) % 2 ** 32
    if ((b & 0x80) === 0) return [low, pos]
  }
}

function readFields(buf: Buffer): Field[] {
  const fields: Field[] = []
  let pos = 0
  while (pos < buf.length) {
    const [tag, p] = readVarint(buf, pos)
    pos = p
    const no = Math.floor(tag / 8)
    const wire = tag % 8
    if (wire === 0) {
      const [v, q] = readVarint(buf, pos)
      pos = q
      fields.push({ no, varint: v })
    } else if (wire === 2) {
      const [len, q] = readVarint(buf, pos)
      const end = q + len
      if (end > buf.length) throw new Error('truncated field')
      fields.push({ no, bytes: buf.subarray(q, end) })
      pos = end
    } else if (wire === 1) pos += 8
    else if (wire === 5) pos += 4
    else throw new Error(`unsupported wire type ${wire}`)
  }
  return fields
}

export function decodeCommApiData(buf: Buffer): CommApiData {
  const out: CommApiData = { apiType: 0, pairs: [] }
  for (const f of readFields(buf)) {
    if (f.no === 1 && f.varint !== undefined) out.apiType = f.varint | 0
    else if (f.no === 6 && f.bytes) out.appid = f.bytes.toString('utf8')
    else if (f.no === 2 && f.bytes) {
      for (const pf of readFields(f.bytes)) {
        if (pf.no !== 1 || !pf.bytes) continue
        const pair: KeyValuePair = { key: '', value: Buffer.alloc(0) }
        for (const kf of readFields(pf.bytes)) {
          if (kf.no === 1 && kf.bytes) pair.key = kf.bytes.toString('utf8')
          else if (kf.no === 2 && kf.bytes) pair.value = Buffer.from(kf.bytes)
        }
        out.pairs.push(pair)
      }
    }
  }
  return out
}

/** Varint of an int32 (negative values are sign-extended to 64 bits, as protobuf does). */
function writeVarint(out: number[], value: number): void {
  let low = value >>> 0
  let high = value < 0 ? 0xffffffff : 0
  while (high !== 0 || low >= 0x80) {
    out.push((low & 0x7f) | 0x80)
    low = ((low >>> 7) | (high << 25)) >>> 0
    high = high >>> 7
  }
  out.push(low)
}

export function encodeCommOpenApiResp(msg: { respData?: Buffer; contentType?: string; errorCode?: number }): Buffer {
  const head: number[] = []
  const chunks: Buffer[] = []
  const bytesField = (no: number, data: Buffer): void => {
    const h: number[] = []
    writeVarint(h, (no << 3) | 2)
    writeVarint(h, data.length)
    chunks.push(Buffer.from(h), data)
  }
  if (msg.respData) bytesField(1, msg.respData)
  if (msg.contentType) bytesField(2, Buffer.from(msg.contentType, 'utf8'))
  if (msg.errorCode) {
    writeVarint(head, 3 << 3)
    writeVarint(head, msg.errorCode)
    chunks.push(Buffer.from(head))
  }
  return Buffer.concat(chunks)
}
