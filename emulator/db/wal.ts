/**
 * Write-ahead log and snapshot.
 *
 * `wal.jsonl`: one canonical-EJSON record per line, each appended with a single `fs.writeSync` before the
 * write is acknowledged. That survives `kill -9` of the process (the data sits in the OS page cache);
 * set `EMULATOR_FSYNC=1` to also `fsync` every record, which survives power loss at a large cost in
 * throughput. A torn last line (a write cut short) is dropped and truncated away on open; damage
 * anywhere else stops the open with an error rather than silently losing data.
 *
 * `snapshot.jsonl`: a header line `{ format, seq, collections }` and one line per document. Compaction
 * writes `snapshot.tmp`, fsyncs it, renames it over the snapshot, fsyncs the directory and only then
 * empties the log; records already covered by the snapshot (`s <= seq`) are skipped on replay, so a
 * crash at any point of a compaction loses nothing.
 */
import * as fs from 'fs'
import * as path from 'path'
import { EJSON } from 'bson'
import type { Doc } from '../ejson'
import { isPlainObject } from '../ejson'

export interface MutationRecord {
  /** collection */
  c: string
  /** index key of _id */
  k: string
  /** the document's new state, or null when deleted */
  d: Doc | null
}

export interface WalRecord {
  s: number
  m?: MutationRecord[]
  create?: string
  clear?: string
}

export interface SnapshotDoc {
  c: string
  k: string
  d: Doc
}

export interface LoadedState {
  seq: number
  collections: string[]
  docs: SnapshotDoc[]
  records: WalRecord[]
  /** bytes of a torn last line that were truncated away */
  tornBytes: number
}

const SNAPSHOT_FORMAT = 'cloudbase-emulator-snapshot'

function parseLine(line: string): unknown {
  return EJSON.parse(line, { relaxed: true })
}

function fsyncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // some platforms refuse fsync on directories; the rename is still atomic
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

export class WriteAheadLog {
  readonly dir: string
  private readonly walPath: string
  private readonly snapshotPath: string
  private readonly fsync: boolean
  private fd: number
  private bytes = 0

  constructor(dir: string, opts: { fsync: boolean }) {
    this.dir = dir
    this.fsync = opts.fsync
    fs.mkdirSync(dir, { recursive: true })
    this.walPath = path.join(dir, 'wal.jsonl')
    this.snapshotPath = path.join(dir, 'snapshot.jsonl')
    this.fd = fs.openSync(this.walPath, 'a+')
  }

  get size(): number {
    return this.bytes
  }

  load(): LoadedState {
    const state: LoadedState = { seq: 0, collections: [], docs: [], records: [], tornBytes: 0 }
    if (fs.existsSync(this.snapshotPath)) {
      const lines = fs.readFileSync(this.snapshotPath, 'utf8').split('\n').filter(l => l.length > 0)
      const header = parseLine(lines[0] ?? '{}')
      if (!isPlainObject(header) || header.format !== SNAPSHOT_FORMAT || typeof header.seq !== 'number') {
        throw new Error(`emulator snapshot ${this.snapshotPath} is not a valid snapshot`)
      }
      state.seq = header.seq
      state.collections = Array.isArray(header.collections) ? header.collections.map(String) : []
      for (let i = 1; i < lines.length; i++) state.docs.push(parseLine(lines[i]) as SnapshotDoc)
    }

    const buf = fs.readFileSync(this.walPath)
    let start = 0
    let lineNo = 0
    while (start < buf.length) {
      const nl = buf.indexOf(0x0a, start)
      const end = nl === -1 ? buf.length : nl
      lineNo++
      const text = buf.subarray(start, end).toString('utf8')
      let record: WalRecord | undefined
      try {
        if (text.trim().length > 0) record = parseLine(text) as WalRecord
      } catch (e) {
        if (nl === -1) {
          // torn tail: the process died in the middle of appending this record, which was never acknowledged
          state.tornBytes = buf.length - start
          fs.ftruncateSync(this.fd, start)
          break
        }
        throw new Error(`emulator write-ahead log ${this.walPath} is damaged at line ${lineNo}: ${(e as Error).message}`)
      }
      if (record && nl === -1) fs.writeSync(this.fd, '\n')
      if (record && record.s > state.seq) state.records.push(record)
      start = end + 1
    }
    this.bytes = fs.fstatSync(this.fd).size
    return state
  }

  append(record: WalRecord): void {
    const line = EJSON.stringify(record, { relaxed: false }) + '\n'
    const data = Buffer.from(line, 'utf8')
    let off = 0
    while (off < data.length) off += fs.writeSync(this.fd, data, off, data.length - off)
    if (this.fsync) fs.fsyncSync(this.fd)
    this.bytes += data.length
  }

  /** Writes a full snapshot (atomically) and empties the log. */
  compact(seq: number, collections: string[], docs: Iterable<SnapshotDoc>): void {
    const tmp = path.join(this.dir, 'snapshot.tmp')
    const fd = fs.openSync(tmp, 'w')
    try {
      let chunk = EJSON.stringify({ format: SNAPSHOT_FORMAT, version: 1, seq, collections }, { relaxed: false }) + '\n'
      for (const doc of docs) {
        chunk += EJSON.stringify(doc, { relaxed: false }) + '\n'
        if (chunk.length > 1 << 20) {
          fs.writeSync(fd, chunk)
          chunk = ''
        }
      }
      fs.writeSync(fd, chunk)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, this.snapshotPath)
    fsyncDir(this.dir)
    fs.ftruncateSync(this.fd, 0)
    fs.fsyncSync(this.fd)
    this.bytes = 0
  }

  close(): void {
    fs.closeSync(this.fd)
  }
}
