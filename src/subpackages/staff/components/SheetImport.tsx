import { useRef, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { AppError } from '../../../domain/envelope'
import './SheetImport.css'

/** A spreadsheet picked on the phone, read as base64 for the import call. */
export interface PickedSheet {
  name: string
  size: number
  base64: string
}

const OK_EXT = /\.(xlsx|csv)$/i
const UNREADABLE: AppError = { code: 'FILE.UNREADABLE', message: '这个文件读不出来，请换一个再试' }

export const kb = (n: number) => `${Math.ceil(n / 1024)} KB`

/** h5: the file's bytes as base64 (without the data: prefix). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

/** weapp: a spreadsheet from a WeChat chat (文件传输助手 works), read as base64. */
async function pickInWeapp(): Promise<PickedSheet | null> {
  const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
  const f = res.tempFiles[0]
  if (!f) return null
  const base64 = Taro.getFileSystemManager().readFileSync(f.path, 'base64') as string
  return { name: f.name, size: f.size, base64 }
}

interface PickerProps {
  busy: boolean
  maxBytes: number
  /** The file being checked or imported (its name is shown). */
  file: PickedSheet | null
  onPicked: (file: PickedSheet) => void
  /** A file that cannot be sent: not .xlsx/.csv, too large, or unreadable. */
  onProblem: (error: AppError) => void
  errors: { badFile: AppError; tooLarge: AppError }
}

/** 选择表格文件: a file input on h5, a file from a WeChat chat on weapp; checks the kind and size first. */
export function SheetPicker({ busy, maxBytes, file, onPicked, onProblem, errors }: PickerProps) {
  const inputRef = useRef<HTMLInputElement | null>(null)

  const accept = (f: PickedSheet) => {
    if (!OK_EXT.test(f.name)) onProblem(errors.badFile)
    else if (f.size > maxBytes) onProblem(errors.tooLarge)
    else onPicked(f)
  }

  const pick = async () => {
    if (busy) return
    if (process.env.TARO_ENV === 'h5') {
      inputRef.current?.click()
      return
    }
    try {
      const f = await pickInWeapp()
      if (f) accept(f)
    } catch (e) {
      if (!/cancel/i.test(String((e as { errMsg?: string } | null)?.errMsg ?? e))) onProblem(UNREADABLE)
    }
  }

  const onFile = async (list: FileList | null) => {
    const f = list?.[0]
    if (inputRef.current) inputRef.current.value = ''
    if (!f) return
    try {
      accept({ name: f.name, size: f.size, base64: await readAsBase64(f) })
    } catch {
      onProblem(UNREADABLE)
    }
  }

  return (
    <View>
      {process.env.TARO_ENV === 'h5' && (
        <input ref={inputRef} className='import-file' type='file' accept='.xlsx,.csv' aria-label='选择表格文件' onChange={(e) => void onFile(e.target.files)} />
      )}
      <Button className='big-button' type='primary' block disabled={busy} onClick={pick}>
        {process.env.TARO_ENV === 'h5' ? '📄 选择表格文件' : '📄 从微信聊天里选表格文件'}
      </Button>
      {process.env.TARO_ENV !== 'h5' && <Text className='staff-note'>先把表格发到“文件传输助手”，再在这里选它。</Text>}
      {file && (
        <Text className='staff-note import-file-name'>
          文件：{file.name}（{kb(file.size)}）
        </Text>
      )}
    </View>
  )
}

/** The template's columns, one line each with what a filled-in cell looks like. */
export function SheetColumns({ columns }: { columns: ReadonlyArray<{ key: string; title: string; example: string; required?: boolean }> }) {
  return (
    <View>
      <Text className='field-label import-cols__title'>表头要有这些列：</Text>
      <View className='import-cols' role='table' aria-label='表格的列和填法'>
        {columns.map((c) => (
          <View key={c.key} className='import-cols__row' role='row'>
            <Text className='import-cols__name'>
              {c.title}
              {c.required === false ? '（可不填）' : ''}
            </Text>
            <Text className='import-cols__example'>
              例：{c.example}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}

export interface SheetRowError {
  /** The sheet's row number as Excel shows it (0: the header or the whole file). */
  row: number
  column: string
  message: string
}

/** Every problem of a refused sheet, by row: 第 3 行 · 身份证号：… */
export function SheetErrors({ errors }: { errors: readonly SheetRowError[] }) {
  if (errors.length === 0) return null
  return (
    <View role='list' aria-label='每一行的问题'>
      {errors.map((e) => (
        <View key={`${e.row}:${e.column}`} className='import-error' role='listitem'>
          <Text className='import-error__where'>
            {e.row > 0 ? `第 ${e.row} 行` : '表头'} · {e.column}：
          </Text>
          <Text className='import-error__what'>{e.message}</Text>
        </View>
      ))}
    </View>
  )
}

/** A sheet checked or imported: the outcome in green, the counts, and what to do next. */
export function SheetResult({ title, counts, children }: { title: string; counts: string; children: ReactNode }) {
  return (
    <View className='card' role='status'>
      <Text className='notice notice--ok'>{title}</Text>
      <Text className='staff-para'>{counts}</Text>
      {children}
    </View>
  )
}
