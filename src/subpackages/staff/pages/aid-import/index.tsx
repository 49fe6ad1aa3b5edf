import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import type { AppError } from '../../../../domain/envelope'
import type { ImportReply } from '../../../../domain/mutual-aid/mutual-aid.api'
import { ENROLLMENT_COLUMNS, IMPORT_MAX_ROWS, MUTUAL_AID_ERR } from '../../../../domain/mutual-aid/mutual-aid.constants'
import { listOrgs } from '../../../../services/admin'
import { errorText } from '../../../../services/errors'
import { importEnrollments, STAFF_AID_ENROLLMENTS_PAGE } from '../../../../services/mutual-aid'
import { withQuery } from '../../../../services/stations'
import Alert from '../../components/Alert'
import OrgPicker from '../../components/OrgPicker'
import { SheetColumns, SheetErrors, SheetPicker, SheetResult, kb, type PickedSheet, type SheetRowError } from '../../components/SheetImport'
import StaffGate from '../../components/StaffGate'
import { useReply } from '../../useReply'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

/** The call carries at most 400,000 base64 characters (the contract), i.e. 300,000 bytes of file. */
const MAX_BYTES = 300_000
const FILE_ERRORS = {
  badFile: MUTUAL_AID_ERR.IMPORT_FILE_BAD,
  tooLarge: { code: MUTUAL_AID_ERR.IMPORT_TOO_LARGE.code, message: `文件太大了（最大 ${kb(MAX_BYTES)}），请分成几个小文件` },
}
const ROWS_INVALID = MUTUAL_AID_ERR.IMPORT_ROWS_INVALID.code

type Step =
  | { step: 'pick' }
  | { step: 'checking' | 'importing'; file: PickedSheet }
  | { step: 'checked'; file: PickedSheet; result: ImportReply }
  | { step: 'done'; result: ImportReply }
  | { step: 'failed'; file: PickedSheet | null; error: AppError }

/** `row:<n>:<column>` → message, sorted by row; other keys (the unit, the file) stay general lines. */
function rowErrorsOf(fieldErrors: Record<string, string> | undefined): { rows: SheetRowError[]; other: string[] } {
  const rows: SheetRowError[] = []
  const other: string[] = []
  for (const [key, message] of Object.entries(fieldErrors ?? {})) {
    const m = /^row:(\d+):(.+)$/.exec(key)
    if (m) rows.push({ row: Number(m[1]), column: m[2], message })
    else other.push(message)
  }
  return { rows: rows.sort((a, b) => a.row - b.row), other }
}

/** 共 12 行：新增 10、更新 1、没变 1 */
const counts = (r: ImportReply) => `共 ${r.rows} 行：新增 ${r.created}、更新 ${r.updated}、没变 ${r.unchanged}`

/** A refused file: every bad row (nothing was imported), or what went wrong and 再试一次. */
function Failed({ error, onAgain }: { error: AppError; onAgain: (() => void) | null }) {
  const { rows, other } = rowErrorsOf(error.fieldErrors)
  const invalid = error.code === ROWS_INVALID
  return (
    <View className='card import-errors'>
      <View className='notice notice--bad' role='alert'>
        <Text>{invalid ? `有 ${rows.length} 处要改，一行都没有导入。` : errorText(error)}</Text>
      </View>
      {invalid && <Text className='staff-para'>请在表格里把下面这几处改好，保存后再选一次文件。</Text>}
      {other.map((text) => (
        <Alert key={text} text={text} />
      ))}
      <SheetErrors errors={rows} />
      {onAgain && !invalid && (
        <Button className='big-button gap' block onClick={onAgain}>
          再试一次
        </Button>
      )}
    </View>
  )
}

function Import({ firstOrg }: { firstOrg: string | null }) {
  const orgs = useReply(listOrgs)
  const [orgId, setOrgId] = useState<string | null>(firstOrg)
  const [s, setS] = useState<Step>({ step: 'pick' })
  const busy = s.step === 'checking' || s.step === 'importing'
  const list = orgs.state.status === 'ok' ? orgs.state.data.orgs : []
  const orgName = list.find((o) => o.id === orgId)?.name ?? ''

  // A grassroots union looks after one unit: it is chosen for them.
  const onlyOrg = list.length === 1 ? list[0].id : null
  useEffect(() => {
    if (onlyOrg) setOrgId(onlyOrg)
  }, [onlyOrg])

  const send = async (unit: string, file: PickedSheet, dryRun: boolean) => {
    setS({ step: dryRun ? 'checking' : 'importing', file })
    const r = await importEnrollments(unit, file.name, file.base64, dryRun).catch(() => null)
    if (r?.ok) setS(dryRun ? { step: 'checked', file, result: r.data } : { step: 'done', result: r.data })
    else setS({ step: 'failed', file, error: r ? r.error : { code: 'NET.UNAVAILABLE', message: '' } })
  }

  const chooseOrg = (id: string) => {
    if (busy) return
    setOrgId(id)
    setS({ step: 'pick' })
  }

  const file = 'file' in s ? s.file : null
  return (
    <View>
      <View className='card'>
        <Text className='staff-card-title'>表格怎么填</Text>
        <Text className='staff-para'>
          用 Excel（.xlsx）或 CSV 文件。第 1 行是表头，从第 2 行开始，一行写一个人参加的一个保障；同一个人参加两个保障，就写两行。一次最多 {IMPORT_MAX_ROWS} 行。
        </Text>
        <Text className='staff-para'>同一个人、同一个保障、同一个开始日期再导入一次，只会更新，不会重复。有一行不对，就一行都不导入，先改好再传。</Text>
        <SheetColumns columns={ENROLLMENT_COLUMNS} />
      </View>

      <View className='card'>
        <Text className='staff-card-title'>第一步：这是哪个单位的名单？</Text>
        <OrgPicker orgs={orgs} label='单位' value={orgId} onChange={chooseOrg} />
      </View>

      <View className='card'>
        <Text className='staff-card-title'>第二步：选表格文件</Text>
        {orgId ? (
          <View>
            <Text className='staff-para'>导入到：{orgName || '选好的单位'}</Text>
            <Text className='staff-note'>选好文件后会先检查每一行，检查通过了再点「确认导入」才会真的导入。</Text>
            <SheetPicker
              busy={busy}
              maxBytes={MAX_BYTES}
              file={file}
              onPicked={(f) => void send(orgId, f, true)}
              onProblem={(error) => setS({ step: 'failed', file: null, error })}
              errors={FILE_ERRORS}
            />
          </View>
        ) : (
          <Text className='staff-note'>先在上面选单位，再选文件。</Text>
        )}
      </View>

      {s.step === 'checking' && <Text className='notice'>正在检查每一行，请稍等…</Text>}
      {s.step === 'importing' && <Text className='notice'>正在导入，请稍等…</Text>}

      {s.step === 'checked' && orgId && (
        <SheetResult title='✅ 检查通过，还没有导入' counts={counts(s.result)}>
          <Button className='big-button gap' type='primary' block onClick={() => void send(orgId, s.file, false)}>
            确认导入
          </Button>
        </SheetResult>
      )}

      {s.step === 'done' && (
        <SheetResult title='✅ 导入好了' counts={counts(s.result)}>
          <Button className='big-button gap' type='primary' block onClick={() => Taro.navigateTo({ url: withQuery(STAFF_AID_ENROLLMENTS_PAGE, { orgId }) })}>
            看这个单位的参保名单
          </Button>
          <Button className='big-button gap' block onClick={() => setS({ step: 'pick' })}>
            再导入一个文件
          </Button>
        </SheetResult>
      )}

      {s.step === 'failed' && <Failed error={s.error} onAgain={s.file && orgId ? () => void send(orgId, s.file as PickedSheet, true) : null} />}
    </View>
  )
}

export default function AidImportPage() {
  const { params } = useRouter()
  return (
    <View className='page staff station-staff aid-import'>
      <PrivacyPopup />
      <StaffGate>{() => <Import firstOrg={params.orgId || null} />}</StaffGate>
    </View>
  )
}
