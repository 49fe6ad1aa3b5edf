import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import StaffGate from '../../components/StaffGate'
import type { AppError } from '../../../../domain/envelope'
import { IMPORT_COLUMNS } from '../../../../domain/stations/station.import'
import { importErrorsOf, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, STATION_ERR } from '../../../../domain/stations/station.schema'
import type { ImportReply, ImportRowError } from '../../../../domain/stations/station.schema'
import { errorText } from '../../../../services/errors'
import { importStations } from '../../../../services/stations'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

interface Picked {
  name: string
  size: number
  base64: string
}

type Step =
  | { step: 'pick' }
  | { step: 'checking' | 'importing'; file: Picked }
  | { step: 'checked'; file: Picked; result: ImportReply }
  | { step: 'done'; result: ImportReply }
  | { step: 'failed'; file: Picked | null; error: AppError; rows: ImportRowError[] }

const OK_EXT = /\.(xlsx|csv)$/i

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
async function pickInWeapp(): Promise<Picked | null> {
  const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
  const f = res.tempFiles[0]
  if (!f) return null
  const base64 = Taro.getFileSystemManager().readFileSync(f.path, 'base64') as string
  return { name: f.name, size: f.size, base64 }
}

const kb = (n: number) => `${Math.ceil(n / 1024)} KB`

function Import() {
  const [s, setS] = useState<Step>({ step: 'pick' })
  const inputRef = useRef<HTMLInputElement | null>(null)
  const busy = s.step === 'checking' || s.step === 'importing'

  const send = async (file: Picked, dryRun: boolean) => {
    setS({ step: dryRun ? 'checking' : 'importing', file })
    const r = await importStations(file.name, file.base64, dryRun).catch(() => null)
    if (r?.ok) setS(dryRun ? { step: 'checked', file, result: r.data } : { step: 'done', result: r.data })
    else {
      const error = r ? r.error : { code: 'NET.UNAVAILABLE', message: '' }
      setS({ step: 'failed', file, error, rows: importErrorsOf(error.fieldErrors) })
    }
  }

  const accept = (file: Picked) => {
    if (!OK_EXT.test(file.name)) {
      setS({ step: 'failed', file: null, error: STATION_ERR.IMPORT_FILE_BAD, rows: [] })
      return
    }
    if (file.size > IMPORT_MAX_BYTES) {
      setS({ step: 'failed', file: null, error: STATION_ERR.IMPORT_TOO_LARGE, rows: [] })
      return
    }
    void send(file, true)
  }

  const pick = async () => {
    if (busy) return
    if (process.env.TARO_ENV === 'h5') {
      inputRef.current?.click()
      return
    }
    try {
      const file = await pickInWeapp()
      if (file) accept(file)
    } catch (e) {
      if (!/cancel/i.test(String((e as { errMsg?: string } | null)?.errMsg ?? e))) {
        setS({ step: 'failed', file: null, error: { code: 'FILE.UNREADABLE', message: '这个文件读不出来，请换一个再试' }, rows: [] })
      }
    }
  }

  const onFile = async (list: FileList | null) => {
    const f = list?.[0]
    if (inputRef.current) inputRef.current.value = ''
    if (!f) return
    try {
      accept({ name: f.name, size: f.size, base64: await readAsBase64(f) })
    } catch {
      setS({ step: 'failed', file: null, error: { code: 'FILE.UNREADABLE', message: '这个文件读不出来，请换一个再试' }, rows: [] })
    }
  }

  const file = 'file' in s ? s.file : null
  return (
    <View>
      <View className='card'>
        <Text className='staff-card-title'>用表格一次导入很多驿站</Text>
        <Text className='staff-para'>
          用 Excel（.xlsx）或 CSV 文件，第 1 行是表头，从第 2 行开始每行一个驿站。一次最多 {IMPORT_MAX_ROWS} 行，文件不超过 {kb(IMPORT_MAX_BYTES)}。
        </Text>
        <Text className='staff-para'>名称和地址都一样的驿站会被更新，不会重复。有一行不对，就一行都不导入，先改好再传。</Text>
        <Text className='field-label import-cols__title'>表头要有这些列：</Text>
        <View className='import-cols' role='table'>
          {IMPORT_COLUMNS.map((c) => (
            <View key={c.key} className='import-cols__row' role='row'>
              <Text className='import-cols__name'>
                {c.title}
                {c.required ? '' : '（可不填）'}
              </Text>
              <Text className='import-cols__example'>例：{c.example}</Text>
            </View>
          ))}
        </View>
      </View>

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
      {s.step === 'checking' && <Text className='notice'>正在检查每一行，请稍等…</Text>}
      {s.step === 'importing' && <Text className='notice'>正在导入，请稍等…</Text>}

      {s.step === 'checked' && (
        <View className='card'>
          <Text className='notice notice--ok'>✅ 检查通过：一共 {s.result.rows} 行</Text>
          <Text className='staff-para'>
            新建 {s.result.created} 个，更新 {s.result.updated} 个，没有变化 {s.result.unchanged} 个。
          </Text>
          <Button className='big-button gap' type='primary' block onClick={() => send(s.file, false)}>
            确认导入
          </Button>
        </View>
      )}

      {s.step === 'done' && (
        <View className='card' role='status'>
          <Text className='notice notice--ok'>✅ 导入好了</Text>
          <Text className='staff-para'>
            新建 {s.result.created} 个，更新 {s.result.updated} 个，没有变化 {s.result.unchanged} 个。
          </Text>
          <Button className='big-button gap' block onClick={() => Taro.navigateBack()}>
            回到驿站管理
          </Button>
        </View>
      )}

      {s.step === 'failed' && (
        <View className='card import-errors'>
          <View className='notice notice--bad' role='alert'>
            <Text>{errorText(s.error)}</Text>
          </View>
          {s.rows.length > 0 && (
            <View role='list' aria-label='每一行的问题'>
              {s.rows.map((e) => (
                <View key={`${e.row}:${e.column}`} className='import-error' role='listitem'>
                  <Text className='import-error__where'>
                    {e.row > 0 ? `第 ${e.row} 行` : '表头'} · {e.column}
                  </Text>
                  <Text className='import-error__what'>{e.message}</Text>
                </View>
              ))}
            </View>
          )}
          {s.file && (
            <Button className='big-button gap' block onClick={() => send(s.file as Picked, true)}>
              再检查一次
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

export default function StationImportPage() {
  return (
    <View className='page staff station-staff'>
      <PrivacyPopup />
      <StaffGate>{() => <Import />}</StaffGate>
    </View>
  )
}
