import { useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AppError } from '../domain/envelope'
import type { FilePurposeKey } from '../domain/files/files.schema'
import { errorText } from '../services/errors'
import { callFunction } from '../services/transport'
import { uploadPicked, type PickedFile } from '../services/upload'
import './PhotoPicker.css'

/** A photo in the picker: its `files` id (or a station's stored photo id) and something to show. */
export interface PickerPhoto {
  id: string
  /** Local preview (temp path / blob URL) or a short-lived link from the server. */
  url: string
  /** Uploaded here and not yet saved anywhere: removing it deletes the upload. */
  fresh?: boolean
}

export interface PhotoPickerProps {
  /** The `files` purpose; one that needs a separate consent answers CONSENT.REQUIRED without it (see onError). */
  purpose: FilePurposeKey
  photos: PickerPhoto[]
  onChange(photos: PickerPhoto[]): void
  max: number
  label: string
  hint?: string
  /** Told when uploads start and end, so the page can hold its submit button. */
  onBusy?(busy: boolean): void
  /** Told when an upload is refused (e.g. CONSENT.REQUIRED, so the page can ask for the consent). */
  onError?(error: AppError): void
  disabled?: boolean
}

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * 拍照或选照片 → compressed → chunked upload with progress (src/services/upload.ts); thumbnails with
 * 删除. weapp uses Taro.chooseMedia (camera or album); h5 a file input for images.
 */
export default function PhotoPicker({ purpose, photos, onChange, max, label, hint, onBusy, onError, disabled }: PhotoPickerProps) {
  const [progress, setProgress] = useState<number | null>(null)
  const [error, setError] = useState('')
  const fileInput = useRef<HTMLInputElement | null>(null)
  const current = useRef(photos)
  current.current = photos
  const room = max - photos.length

  const upload = async (picked: PickedFile[]) => {
    if (picked.length === 0) return
    setError('')
    onBusy?.(true)
    let list = current.current
    try {
      for (const [i, p] of picked.slice(0, max - list.length).entries()) {
        setProgress(0)
        const reply = await uploadPicked(p, purpose, {
          onProgress: (pr) => setProgress(Math.round(((i + (pr.phase === 'done' ? 1 : pr.fraction)) / picked.length) * 100)),
        }).catch(() => null)
        if (!reply || !reply.ok) {
          setError(reply ? errorText(reply.error) : '照片没传上去，请再试一次')
          if (reply) onError?.(reply.error)
          break
        }
        list = [...list, { id: reply.data.fileId, url: p.path, fresh: true }]
        onChange(list)
      }
    } finally {
      setProgress(null)
      onBusy?.(false)
    }
  }

  const pick = async () => {
    if (disabled || progress !== null || room <= 0) return
    if (isH5) {
      fileInput.current?.click()
      return
    }
    try {
      const res = await Taro.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })
      await upload(res.tempFiles.map((f, i) => ({ path: f.tempFilePath, name: `照片${i + 1}.jpg` })))
    } catch {
      // cancelled
    }
  }

  const onFiles = (files: FileList | null) => {
    const list = Array.from(files ?? [])
    if (fileInput.current) fileInput.current.value = ''
    void upload(list.map((file) => ({ path: URL.createObjectURL(file), name: file.name, file })))
  }

  const remove = (photo: PickerPhoto) => {
    onChange(current.current.filter((p) => p.id !== photo.id))
    // an upload nobody will use: delete it (best effort; the server keeps unattached files only for their owner)
    if (photo.fresh) void callFunction('files', { action: 'remove', fileId: photo.id }).catch(() => null)
  }

  return (
    <View className='photo-picker'>
      <Text className='field-label'>{label}</Text>
      {hint && <Text className='field-hint photo-picker__hint'>{hint}</Text>}
      <View className='photo-picker__list'>
        {photos.map((p, i) => (
          <View key={p.id} className='photo-picker__item'>
            <Image className='photo-picker__thumb' src={p.url} mode='aspectFill' aria-label={`照片 ${i + 1}`} />
            <View className='photo-picker__remove' role='button' aria-label={`删除照片 ${i + 1}`} onClick={() => !disabled && remove(p)}>
              <Text>删除</Text>
            </View>
          </View>
        ))}
        {room > 0 && progress === null && (
          <View className={`photo-picker__add${disabled ? ' photo-picker__add--off' : ''}`} role='button' aria-label='拍照或选照片' onClick={pick}>
            <Text className='photo-picker__plus' aria-hidden>
              📷
            </Text>
            <Text>拍照或选照片</Text>
          </View>
        )}
      </View>
      <Text className='field-count'>
        {photos.length}/{max} 张
      </Text>
      {progress !== null && (
        <View className='photo-picker__progress' role='progressbar' aria-valuenow={progress} aria-valuemin={0} aria-valuemax={100} aria-label='照片上传进度'>
          <View className='photo-picker__bar' style={{ width: `${progress}%` }} />
          <Text className='photo-picker__progress-text'>正在上传照片… {progress}%</Text>
        </View>
      )}
      {error && (
        <View className='field-error' role='alert'>
          <Text>{error}</Text>
        </View>
      )}
      {isH5 && <input ref={fileInput} type='file' accept='image/*' multiple={room > 1} style={{ display: 'none' }} onChange={(e) => onFiles(e.target.files)} />}
    </View>
  )
}
