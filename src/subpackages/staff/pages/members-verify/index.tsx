import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import InfoRow from '../../../../components/InfoRow'
import { dateLabel } from '../../../../domain/calendar/working-days'
import { CARD_QR_PREFIX, MEMBERSHIP_ERR } from '../../../../domain/membership/membership.constants'
import type { CardCheckReply } from '../../../../domain/membership/membership.schema'
import { errorText } from '../../../../services/errors'
import { verifyCard } from '../../../../services/membership'
import { scanQr } from '../../../../services/stations'
import Alert from '../../components/Alert'
import StaffGate from '../../components/StaffGate'
import { useSubmit } from '../../useSubmit'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

const TITLES: Record<CardCheckReply['check'], string> = { current: '✅ 有效', outdated: '✖ 失效', ended: '✖ 失效', unknown: '✖ 查不到' }

function Result({ r, typed, onAgain }: { r: CardCheckReply; typed: string | null; onAgain: () => void }) {
  const good = r.check === 'current'
  return (
    <View className='card'>
      <View className={`verify-result verify-result--${good ? 'good' : 'bad'}`} role='status'>
        <Text className='verify-result__title'>{TITLES[r.check]}</Text>
        <Text className='verify-result__label'>{r.label}</Text>
      </View>
      {r.maskedName && <InfoRow label='姓名' value={r.maskedName} />}
      {(r.memberNo ?? typed) && <InfoRow label={r.memberNo ? '会员号' : '输入的会员号'} value={r.memberNo ?? typed ?? ''} />}
      {r.orgName && <InfoRow label='工会' value={r.orgName} />}
      {r.joinedDate && <InfoRow label='入会日期' value={dateLabel(r.joinedDate)} />}
      {good && <Text className='staff-note'>请看一眼对方的身份证，姓名对得上才是本人。</Text>}
      <Button className='big-button staff-gap' type='primary' block onClick={onAgain}>
        再核验一张
      </Button>
    </View>
  )
}

function Verify() {
  const [memberNo, setMemberNo] = useState('')
  const [reply, setReply] = useState<CardCheckReply | null>(null)
  /** The number last typed (null after a scan), shown when nothing is found so a typo can be seen. */
  const [typedNo, setTypedNo] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useSubmit()
  const canScan = process.env.TARO_ENV !== 'h5'

  const check = async (input: { code: string } | { memberNo: string }) => {
    setError(null)
    const r = await run(() => verifyCard(input))
    if (!r) return
    if (r.ok) setReply(r.data)
    else setError(errorText(r.error))
  }

  const scan = async () => {
    setError(null)
    setTypedNo(null)
    const s = await scanQr()
    if (!s.ok) {
      if (!s.cancelled) setError('没能认出二维码，请对准会员证上的二维码再扫一次')
      return
    }
    if (!s.text.startsWith(CARD_QR_PREFIX)) {
      setError(MEMBERSHIP_ERR.CARD_INVALID.message)
      return
    }
    await check({ code: s.text })
  }

  const typed = () => {
    const no = memberNo.replace(/\s+/g, '').toUpperCase()
    if (!no) {
      setError('请先输入会员证上的会员号')
      return
    }
    setTypedNo(no)
    void check({ memberNo: no })
  }

  if (reply) {
    return (
      <Result
        r={reply}
        typed={typedNo}
        onAgain={() => {
          setReply(null)
          setMemberNo('')
        }}
      />
    )
  }
  return (
    <View className='card'>
      <Text className='staff-para'>请对方打开小程序里的「会员证」。{canScan ? '扫上面的二维码，或者' : ''}输入会员证上的会员号。</Text>
      {canScan && (
        <Button className='big-button staff-gap' type='primary' block disabled={busy} onClick={scan}>
          📷 扫一扫
        </Button>
      )}
      <View className='field'>
        <Text className='field-label'>{canScan ? '扫不了的话，输入会员号' : '输入会员号'}</Text>
        <Input className='field-input' value={memberNo} maxlength={30} placeholder='比如 GF2026000123' aria-label='会员号' confirmType='done' onInput={(e) => setMemberNo(String(e.detail.value))} onConfirm={typed} />
      </View>
      <Button className='big-button' type={canScan ? 'default' : 'primary'} block disabled={busy} onClick={typed}>
        {busy ? '正在核验…' : '核验'}
      </Button>
      {error && <Alert text={error} />}
      <Text className='staff-note'>每次核验都会记下是谁、什么时候核验的。</Text>
    </View>
  )
}

export default function MembersVerifyPage() {
  return (
    <View className='page staff station-staff members-verify'>
      <StaffGate>{() => <Verify />}</StaffGate>
    </View>
  )
}
