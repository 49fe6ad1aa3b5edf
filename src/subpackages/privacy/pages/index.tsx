import { useCallback, useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../components/ErrorBox'
import InfoRow from '../../../components/InfoRow'
import Loading from '../../../components/Loading'
import PrivacyPopup from '../../../components/PrivacyPopup'
import type { AppError, Envelope } from '../../../domain/envelope'
import type { ConsentView } from '../../../domain/consent/consent'
import { CLOSE_CONFIRM_WORD, CONSENT_STATUS_TEXT, consentDatesText, exportFileName, formatDateCN, formatSize, myDataExport } from '../../../domain/privacy/my-data'
import { errorText } from '../../../services/errors'
import { closeAccount, getMyData, grantConsent, withdrawConsent, type MyData } from '../../../services/privacy'
import { HOME_PAGE } from '../../../services/routes'
import { pageClass, useTextSize } from '../../../services/text-size'
import './index.css'

type State = { status: 'loading' } | { status: 'ok'; data: MyData } | { status: 'error'; error: AppError } | { status: 'closed' }

const tellFailure = (error: AppError) => Taro.showModal({ title: '没有办成', content: errorText(error), showCancel: false, confirmText: '知道了' })

/** On h5: a JSON file download. On weapp: the clipboard (works on every phone; paste it into a chat with yourself to keep it). */
async function exportData(data: MyData): Promise<void> {
  const text = JSON.stringify(myDataExport(data), null, 2)
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url
    a.download = exportFileName(data.generatedAt)
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
    await Taro.showToast({ title: '已下载', icon: 'success' })
    return
  }
  try {
    await Taro.setClipboardData({ data: text })
    await Taro.showModal({
      title: '已复制',
      content: '你的信息已经复制好了。可以打开微信里“文件传输助手”或和自己的聊天，长按输入框粘贴、发送，就保存下来了。',
      showCancel: false,
      confirmText: '知道了',
    })
  } catch {
    await Taro.showModal({ title: '没有复制成功', content: '请先同意隐私保护指引，再点一次“导出我的信息”。', showCancel: false, confirmText: '知道了' })
  }
}

function ConsentCard({ consent, busy, onWithdraw, onGrant }: { consent: ConsentView; busy: boolean; onWithdraw: () => void; onGrant: () => void }) {
  const active = consent.status === 'granted' || consent.status === 'outdated'
  return (
    <View className='card privacy__consent' aria-label={`${consent.label}：${CONSENT_STATUS_TEXT[consent.status]}`}>
      <View className='privacy__consent-head'>
        <Text className='privacy__consent-label'>{consent.label}</Text>
        <Text className={`privacy__badge privacy__badge--${consent.status}`}>{CONSENT_STATUS_TEXT[consent.status]}</Text>
      </View>
      <Text className='privacy__para'>用来做什么：{consent.purpose}</Text>
      <Text className='privacy__para muted'>{consentDatesText(consent)}</Text>
      {consent.status !== 'granted' && (
        <Button className='big-button privacy__button' type='primary' block disabled={busy} onClick={onGrant}>
          {consent.status === 'outdated' ? '看新说明，重新同意' : '同意'}
        </Button>
      )}
      {active && (
        <Button className='big-button privacy__button' block disabled={busy} onClick={onWithdraw}>
          撤回同意
        </Button>
      )}
    </View>
  )
}

/** 我的信息与隐私: what is held (masked), consents to withdraw or give, export, and closing the account. */
export default function PrivacyPage() {
  const { textClass } = useTextSize()
  const [state, setState] = useState<State>({ status: 'loading' })
  const [busy, setBusy] = useState(false)
  const [closing, setClosing] = useState(false)
  const [typed, setTyped] = useState('')
  const seq = useRef(0)

  const load = useCallback(() => {
    const mine = ++seq.current
    setState({ status: 'loading' })
    getMyData().then(
      (r) => mine === seq.current && setState(r.ok ? { status: 'ok', data: r.data } : { status: 'error', error: r.error }),
      () => mine === seq.current && setState({ status: 'error', error: { code: 'SYS.BAD_REPLY', message: '' } }),
    )
  }, [])

  useEffect(() => {
    load()
    return () => {
      seq.current++
    }
  }, [load])

  async function act<T>(run: () => Promise<Envelope<T>>, done: string): Promise<boolean> {
    setBusy(true)
    try {
      const r = await run()
      if (!r.ok) {
        await tellFailure(r.error)
        return false
      }
      await Taro.showToast({ title: done, icon: 'success' })
      return true
    } finally {
      setBusy(false)
    }
  }

  async function withdraw(c: ConsentView) {
    const { confirm } = await Taro.showModal({ title: `撤回“${c.label}”的同意？`, content: c.withdrawEffect, confirmText: '撤回', cancelText: '不撤回' })
    if (!confirm) return
    if (await act(() => withdrawConsent(c.category), '已撤回')) load()
  }

  async function grant(c: ConsentView) {
    const { confirm } = await Taro.showModal({ title: `同意使用你的${c.label}？`, content: c.purpose, confirmText: '同意', cancelText: '先不' })
    if (!confirm) return
    if (await act(() => grantConsent(c.category, c.currentVersion), '已同意')) load()
  }

  async function close() {
    if (typed.trim() !== CLOSE_CONFIRM_WORD) return
    setBusy(true)
    try {
      const r = await closeAccount()
      if (!r.ok) {
        await tellFailure(r.error)
        return
      }
      seq.current++
      setState({ status: 'closed' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={pageClass('page privacy', textClass)}>
      <PrivacyPopup />
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={5} />
        </View>
      )}

      {state.status === 'error' && <ErrorBox title='没能读到你的信息' error={state.error} onRetry={load} />}

      {state.status === 'closed' && (
        <View className='card' role='status'>
          <Text className='privacy__title'>账号已经注销了</Text>
          <Text className='privacy__para'>你的身份证号、个人资料和没交给工会的材料都删掉了。以后再打开小程序，就是一个新账号。</Text>
          <Button className='big-button' type='primary' block onClick={() => Taro.reLaunch({ url: HOME_PAGE })}>
            回到首页
          </Button>
        </View>
      )}

      {state.status === 'ok' && (
        <View>
          <Text className='privacy__intro'>这里写着我们存了你的哪些信息。你可以撤回同意、导出一份，也可以注销账号。</Text>

          <Text className='section-title'>账号</Text>
          <View className='card privacy__rows'>
            <InfoRow label='身份' value={state.data.account.roleLabel} />
            <InfoRow label='所在工会' value={state.data.account.orgName ?? '还没有加入'} />
            <InfoRow label='用户编号' value={state.data.account.shortUserId ?? '还没有'} />
            <InfoRow label='开始使用' value={formatDateCN(state.data.account.createdAt) || '还没有'} />
          </View>

          <Text className='section-title'>个人资料</Text>
          <View className='card privacy__rows'>
            <InfoRow label='姓名' value={state.data.profile.name ?? '没有填写'} />
            <InfoRow label='手机' value={state.data.profile.phone ?? '没有填写'} />
          </View>

          <Text className='section-title'>身份证</Text>
          <View className='card privacy__rows'>
            {state.data.identity ? (
              <View>
                <InfoRow label='身份证号' value={state.data.identity.maskedIdNumber} />
                <InfoRow label='出生年份' value={`${state.data.identity.birthYear} 年`} />
                <InfoRow label='性别' value={state.data.identity.sexLabel} />
                <Text className='privacy__para muted'>身份证号加密保存，这里只显示一部分。出生年份和性别是从身份证号算出来的，用来判断年龄。</Text>
              </View>
            ) : (
              <Text className='privacy__para'>你还没有填写身份证号。</Text>
            )}
          </View>

          <Text className='section-title'>你同意过的事</Text>
          {state.data.consents.map((c) => (
            <ConsentCard key={c.category} consent={c} busy={busy} onWithdraw={() => void withdraw(c)} onGrant={() => void grant(c)} />
          ))}
          {state.data.consentHistory.length > 0 && (
            <View className='card'>
              <Text className='privacy__subtitle'>同意和撤回的记录</Text>
              {state.data.consentHistory.map((h, i) => (
                <Text className='privacy__para' key={`${h.category}-${h.grantedAt}-${i}`}>
                  {h.label}：{formatDateCN(h.grantedAt)}同意{h.withdrawnAt ? `，${formatDateCN(h.withdrawnAt)}撤回` : ''}
                </Text>
              ))}
            </View>
          )}

          <Text className='section-title'>你上传的材料</Text>
          <View className='card'>
            {state.data.files.length === 0 && <Text className='privacy__para'>你还没有上传过材料。</Text>}
            {state.data.files.map((f) => (
              <View className='privacy__file' key={f.fileId}>
                <Text className='privacy__file-name'>{f.name}</Text>
                <Text className='privacy__para muted'>
                  {f.purposeLabel} · {formatSize(f.size)} · {formatDateCN(f.createdAt)}上传 · {f.attached ? '已交给工会' : '还没交给工会'}
                </Text>
              </View>
            ))}
            {state.data.uploadsInProgress > 0 && (
              <Text className='privacy__para muted'>还有 {state.data.uploadsInProgress} 个文件没传完，一天后会自动删掉。</Text>
            )}
          </View>

          <Text className='section-title'>你在这里办过的事</Text>
          <View className='card'>
            {state.data.records.every((r) => r.count === 0) && <Text className='privacy__para'>还没有记录。</Text>}
            {state.data.records
              .filter((r) => r.count > 0)
              .map((r) => (
                <Text className='privacy__para' key={r.label}>
                  {r.label}：{r.count} 条
                </Text>
              ))}
          </View>

          <Button className='big-button privacy__export' type='primary' block onClick={() => void exportData(state.data)}>
            导出我的信息
          </Button>
          <Text className='privacy__para muted'>
            {process.env.TARO_ENV === 'h5' ? '会下载一个文件，里面是这一页上的全部信息。' : '会把这一页上的全部信息复制下来，你可以发给自己保存。'}
          </Text>

          <Text className='section-title'>注销账号</Text>
          <View className='card privacy__close'>
            {state.data.account.isStaff ? (
              <Text className='privacy__para'>你是工会工作人员。要注销账号，请先请管理员取消你的工作人员身份。</Text>
            ) : (
              <View>
                <Text className='privacy__para'>注销后，我们会删掉你的身份证号、个人资料和还没交给工会的材料，你同意过的事都算撤回。</Text>
                <Text className='privacy__subtitle'>会保留的：</Text>
                {state.data.keptAfterClosing.map((line) => (
                  <Text className='privacy__para' key={line}>
                    · {line}
                  </Text>
                ))}
                {!closing ? (
                  <Button className='big-button privacy__button privacy__danger' block onClick={() => setClosing(true)}>
                    注销账号
                  </Button>
                ) : (
                  <View className='privacy__confirm'>
                    <Text className='privacy__para'>注销以后不能恢复。真的要注销，请在下面输入“{CLOSE_CONFIRM_WORD}”两个字：</Text>
                    <Input
                      className='privacy__input'
                      value={typed}
                      placeholder={`请输入：${CLOSE_CONFIRM_WORD}`}
                      aria-label={`输入“${CLOSE_CONFIRM_WORD}”两个字确认`}
                      maxlength={10}
                      onInput={(e) => setTyped(e.detail.value)}
                    />
                    <Button
                      className='big-button privacy__button privacy__danger'
                      block
                      disabled={busy || typed.trim() !== CLOSE_CONFIRM_WORD}
                      onClick={() => void close()}
                    >
                      确认注销
                    </Button>
                    <Button
                      className='big-button privacy__button'
                      block
                      onClick={() => {
                        setClosing(false)
                        setTyped('')
                      }}
                    >
                      不注销了
                    </Button>
                  </View>
                )}
              </View>
            )}
          </View>
        </View>
      )}
    </View>
  )
}
