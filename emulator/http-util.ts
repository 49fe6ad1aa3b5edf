import type { IncomingMessage, ServerResponse } from 'http'

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > limitBytes) {
        failed = true
        reject(new BodyTooLargeError(`request body exceeds ${limitBytes} bytes`))
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks))
    })
    req.on('error', e => {
      if (!failed) reject(e)
    })
  })
}

export interface FormPart {
  data: Buffer
  filename?: string
  contentType?: string
}

/** Parses a multipart/form-data body (what form-data and browsers send). */
export function parseMultipart(body: Buffer, contentType: string): Map<string, FormPart> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!m) throw new Error('multipart body without boundary')
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`)
  const parts = new Map<string, FormPart>()
  let pos = body.indexOf(delimiter)
  while (pos !== -1) {
    let start = pos + delimiter.length
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break // closing delimiter
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2
    const next = body.indexOf(delimiter, start)
    if (next === -1) break
    const headerEnd = body.indexOf('\r\n\r\n', start)
    if (headerEnd === -1 || headerEnd > next) break
    const headers = body.subarray(start, headerEnd).toString('utf8')
    let dataEnd = next
    if (body[dataEnd - 2] === 0x0d && body[dataEnd - 1] === 0x0a) dataEnd -= 2
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    if (name !== undefined) {
      parts.set(name, {
        data: body.subarray(headerEnd + 4, dataEnd),
        filename: /filename="([^"]*)"/i.exec(headers)?.[1],
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
      })
    }
    pos = next
  }
  return parts
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
