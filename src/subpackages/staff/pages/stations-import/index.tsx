import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import StaffGate from '../../components/StaffGate'
import { SheetColumns, SheetErrors, SheetPicker, SheetResult, kb, type PickedSheet } from '../../components/SheetImport'
import type { AppError } from '../../../../domain/envelope'
import { IMPORT_COLUMNS } from '../../../../domain/stations/station.import'
import { importErrorsOf, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, STATION_ERR } from '../../../../domain/stations/station.schema'
import type { ImportReply, ImportRowError } from '../../../../domain/stations/station.schema'
import { errorText } from '../../../../services/errors'
import { importStations } from '../../../../services/stations'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

type Step =
  | { step: 'pick' }
  | { step: 'checking' | 'importing'; file: PickedSheet }
  | { step: 'checked'; file: PickedSheet; result: ImportReply }
  | { step: 'done'; result: ImportReply }
  | { step: 'failed'; file: PickedSheet | null; error: AppError; rows: ImportRowError[] }

const FILE_ERRORS = { badFile: STATION_ERR.IMPORT_FILE_BAD, tooLarge: STATION_ERR.IMPORT_TOO_LARGE }
const counts = (r: ImportReply) => `新建 ${r.created} 个，更新 ${r.updated} 个，没有变化 ${r.unchanged} 个。`

function Import() {
  const [s, setS] = useState<Step>({ step: 'pick' })
  const busy = s.step === 'checking' || s.step === 'importing'

  const send = async (file: PickedSheet, dryRun: boolean) => {
    setS({ step: dryRun ? 'checking' : 'importing', file })
    const r = await importStations(file.name, file.base64, dryRun).catch(() => null)
    if (r?.ok) setS(dryRun ? { step: 'checked', file, result: r.data } : { step: 'done', result: r.data })
    else {
      const error = r ? r.error : { code: 'NET.UNAVAILABLE', message: '' }
      setS({ step: 'failed', file, error, rows: importErrorsOf(error.fieldErrors) })
    }
  }

  const fail = (error: AppError) => setS({ step: 'failed', file: null, error, rows: [] })

  const file = 'file' in s ? s.file : null
  return (
    <View>
      <View className='card'>
        <Text className='staff-card-title'>用表格一次导入很多驿站</Text>
        <Text className='staff-para'>
          用 Excel（.xlsx）或 CSV 文件，第 1 行是表头，从第 2 行开始每行一个驿站。一次最多 {IMPORT_MAX_ROWS} 行，文件不超过 {kb(IMPORT_MAX_BYTES)}。
        </Text>
        <Text className='staff-para'>名称和地址都一样的驿站会被更新，不会重复。有一行不对，就一行都不导入，先改好再传。</Text>
        <SheetColumns columns={IMPORT_COLUMNS} />
      </View>

      <SheetPicker busy={busy} maxBytes={IMPORT_MAX_BYTES} file={file} onPicked={(f) => void send(f, true)} onProblem={fail} errors={FILE_ERRORS} />
      {s.step === 'checking' && <Text className='notice'>正在检查每一行，请稍等…</Text>}
      {s.step === 'importing' && <Text className='notice'>正在导入，请稍等…</Text>}

      {s.step === 'checked' && (
        <SheetResult title={`✅ 检查通过：一共 ${s.result.rows} 行`} counts={counts(s.result)}>
          <Button className='big-button gap' type='primary' block onClick={() => send(s.file, false)}>
            确认导入
          </Button>
        </SheetResult>
      )}

      {s.step === 'done' && (
        <SheetResult title='✅ 导入好了' counts={counts(s.result)}>
          <Button className='big-button gap' block onClick={() => Taro.navigateBack()}>
            回到驿站管理
          </Button>
        </SheetResult>
      )}

      {s.step === 'failed' && (
        <View className='card import-errors'>
          <View className='notice notice--bad' role='alert'>
            <Text>{errorText(s.error)}</Text>
          </View>
          <SheetErrors errors={s.rows} />
          {s.file && (
            <Button className='big-button gap' block onClick={() => send(s.file as PickedSheet, true)}>
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
