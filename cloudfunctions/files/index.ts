import { createHash } from 'node:crypto'
import { defineFunction, deny, type Caller } from '../_lib/handler'
import { requireConsent } from '../_lib/consents.repo'
import { writeAudit } from '../_lib/audit.repo'
import {
  countOpenUploads,
  countUnattachedFiles,
  createUpload,
  attachedOrgPath,
  findFile,
  isOrgHeldType,
  findResumableUpload,
  findUpload,
  markUploadFailed,
  purgeStaleUploads,
  putChunk,
  readUploadBytes,
  receivedChunks,
  removeUnattachedFile,
  storeFinishedUpload,
  temporaryUrl,
  type UploadRecord,
} from '../_lib/files.repo'
import { ok, type Envelope, failWith } from '../../src/domain/envelope'
import { canReachOrg, isStaffRole } from '../../src/domain/auth/scope'
import { chunkCount, expectedChunkLength, missingChunks } from '../../src/domain/files/chunks'
import { sniffMime } from '../../src/domain/files/sniff'
import {
  CHUNK_SIZE,
  FILE_ERR,
  FILE_PURPOSES,
  MAX_OPEN_UPLOADS,
  MAX_UNATTACHED_FILES,
  UPLOAD_TTL_MS,
  URL_MAX_AGE_S,
  fileLimitProblem,
  filesEvent,
  purposeProblem,
  type FileMime,
  type FilePurpose,
  type FileUrl,
  type FinishedFile,
  type UploadStatus,
} from '../../src/domain/files/files.schema'


/** Roles that may open documents attached to a request of a type not held by an org (claims and the like). */
const VIEWER_ROLES = ['federation_staff', 'admin']

/**
 * Whether a non-owner may open an attached file: for 报修 photos, station photos and 入会 proof photos, staff
 * whose scope reaches the record's org (canReachOrg); for other types, federation staff and admins.
 */
async function mayView(caller: Caller, attachedTo: { type: string; id: string }): Promise<boolean> {
  if (!isOrgHeldType(attachedTo.type)) return VIEWER_ROLES.includes(caller.role)
  if (!isStaffRole(caller.role)) return false
  const path = await attachedOrgPath(attachedTo)
  if (!path) return false
  return canReachOrg({ role: caller.role, orgId: caller.user?.orgId ?? null }, { id: path[path.length - 1], path: path.slice(0, -1) })
}

/** The caller's own live upload, or the reply that ends the action (unknown, someone else's — audited — or expired). */
async function ownUpload(caller: Caller, uploadId: string, now: Date): Promise<UploadRecord | Envelope<never>> {
  const upload = await findUpload(uploadId)
  if (!upload) return failWith(FILE_ERR.UPLOAD_NOT_FOUND)
  if (upload.ownerOpenid !== caller.openid) return deny(caller, { type: 'upload', id: uploadId })
  if (upload.status === 'failed') return failWith(FILE_ERR.UPLOAD_FAILED)
  if (upload.status === 'open' && new Date(upload.expiresAt).getTime() <= now.getTime()) return failWith(FILE_ERR.UPLOAD_EXPIRED)
  return upload
}

const isReply = (x: unknown): x is Envelope<never> => typeof x === 'object' && x !== null && 'ok' in x

async function statusOf(upload: UploadRecord): Promise<UploadStatus> {
  const done = upload.status === 'done'
  return {
    uploadId: upload._id,
    chunkSize: upload.chunkSize,
    chunkCount: upload.chunkCount,
    received: done ? Array.from({ length: upload.chunkCount }, (_, i) => i) : await receivedChunks(upload._id),
    fileId: done ? upload.fileId : null,
  }
}

/**
 * Private documents: a chunked, resumable upload through the normal function call (the same on weapp
 * and h5), temporary links for the owner and for staff on attached documents, and removal while unused.
 */
export const main = defineFunction({
  name: 'files',
  event: filesEvent,
  actions: {
    begin: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const purpose: FilePurpose = FILE_PURPOSES[input.purpose]
        if (purpose.staffOnly && !isStaffRole(caller.role)) return deny(caller, { type: 'filePurpose', id: input.purpose })
        const problem = fileLimitProblem(input.mime, input.size)
        if (problem) return failWith(problem)
        const special = purposeProblem(input.purpose, input.mime)
        if (special) return failWith(special)
        const consent = FILE_PURPOSES[input.purpose].consent
        if (consent) {
          const refused = await requireConsent(caller.openid, consent)
          if (refused) return refused
        }
        const resumable = await findResumableUpload(caller.openid, input.sha256, input.size, input.purpose, now)
        if (resumable) return ok(await statusOf(resumable))

        await purgeStaleUploads(caller.openid, now)
        if ((await countOpenUploads(caller.openid, now)) >= MAX_OPEN_UPLOADS) return failWith(FILE_ERR.UPLOAD_TOO_MANY)
        if ((await countUnattachedFiles(caller.openid)) >= MAX_UNATTACHED_FILES) return failWith(FILE_ERR.TOO_MANY)
        const upload = await createUpload({
          ownerOpenid: caller.openid,
          name: input.name,
          mime: input.mime as FileMime,
          size: input.size,
          sha256: input.sha256,
          purpose: input.purpose,
          chunkSize: CHUNK_SIZE,
          chunkCount: chunkCount(input.size, CHUNK_SIZE),
          createdAt: now,
          expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS),
        })
        return ok(await statusOf(upload))
      },
    },

    chunk: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const upload = await ownUpload(caller, input.uploadId, now)
        if (isReply(upload)) return upload
        if (upload.status === 'done') return ok({ index: input.index, received: true })
        const expected = expectedChunkLength(input.index, upload.size, upload.chunkSize)
        if (expected < 0) return failWith(FILE_ERR.CHUNK_OUT_OF_RANGE)
        const bytes = Buffer.from(input.data, 'base64')
        if (bytes.length !== expected) return failWith(FILE_ERR.CHUNK_SIZE)
        await putChunk(upload, input.index, input.data, bytes.length)
        return ok({ index: input.index, received: true })
      },
    },

    status: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const upload = await ownUpload(caller, input.uploadId, now)
        if (isReply(upload)) return upload
        return ok(await statusOf(upload))
      },
    },

    finish: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const upload = await ownUpload(caller, input.uploadId, now)
        if (isReply(upload)) return upload
        const done = (): Envelope<FinishedFile> => ok({ fileId: upload.fileId, name: upload.name, mime: upload.mime, size: upload.size })
        if (upload.status === 'done') return done()
        const received = await receivedChunks(upload._id)
        if (missingChunks(upload.chunkCount, received).length > 0) return failWith(FILE_ERR.INCOMPLETE)
        const bytes = await readUploadBytes(upload)
        const sha256 = createHash('sha256').update(bytes).digest('hex')
        if (bytes.length !== upload.size || sha256 !== upload.sha256) {
          await markUploadFailed(upload._id)
          return failWith(FILE_ERR.CHECKSUM)
        }
        if (sniffMime(new Uint8Array(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 16))) !== upload.mime) {
          await markUploadFailed(upload._id)
          return failWith(FILE_ERR.TYPE_MISMATCH)
        }
        await storeFinishedUpload(upload, bytes, now)
        return done()
      },
    },

    url: {
      access: 'signed-in',
      async run({ caller, input }) {
        const file = await findFile(input.fileId)
        if (!file) return failWith(FILE_ERR.NOT_FOUND)
        const owner = file.ownerOpenid === caller.openid
        if (!owner) {
          if (!file.attachedTo || !(await mayView(caller, file.attachedTo))) return deny(caller, { type: 'file', id: file._id })
          await writeAudit(caller, {
            action: 'file.view',
            target: { type: 'file', id: file._id },
            detail: { attachedType: file.attachedTo.type, attachedId: file.attachedTo.id },
          })
        }
        const reply: FileUrl = { url: await temporaryUrl(file, URL_MAX_AGE_S), expiresIn: URL_MAX_AGE_S, name: file.name, mime: file.mime }
        return ok(reply)
      },
    },

    remove: {
      access: 'signed-in',
      async run({ caller, input }) {
        const file = await findFile(input.fileId)
        if (!file) return failWith(FILE_ERR.NOT_FOUND)
        if (file.ownerOpenid !== caller.openid) return deny(caller, { type: 'file', id: file._id })
        return removeUnattachedFile(file._id, caller.openid)
      },
    },
  },
})
