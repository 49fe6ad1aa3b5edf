// The admin's form of a rule table (互助保障规则, 法律援助规则): number boxes (money typed in yuan, kept in
// fen), the check before sending, one save at a time, and the problems by box and for the whole form.
import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Envelope, FieldErrors } from '../../../domain/envelope'
import { parseYuanToFen, yuan } from '../../../domain/mutual-aid/mutual-aid.rules'
import { errorText } from '../../../services/errors'
import { errorFor, formErrors } from '../../../services/forms'
import { useSubmit } from '../useSubmit'
import Alert from './Alert'
import TextField from './TextField'

/** One number of a rule table: its path in the table, label and hint; money is typed in yuan, stored in fen. */
export interface NumberField {
  path: string
  label: string
  hint?: string
  money?: boolean
}

/** 65000 fen → "650" (what the admin sees in the box; parseYuanToFen reads it back exactly). */
const fenText = (fen: number): string => yuan(fen).replace(/[, 元]/g, '')

/** The boxes as the admin first sees them: the numbers of the table. */
export function numberTexts(fields: readonly NumberField[], read: (path: string) => unknown): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fields) {
    const v = read(f.path)
    out[f.path] = typeof v !== 'number' ? '' : f.money ? fenText(v) : String(v)
  }
  return out
}

/**
 * What was typed → numbers (money in fen); an empty box gives undefined (the schema then says 请填…).
 * A box that is not a number gets its message here.
 */
export function readNumbers(fields: readonly NumberField[], texts: Record<string, string>): { numbers: Record<string, number | undefined>; errors: FieldErrors } {
  const numbers: Record<string, number | undefined> = {}
  const errors: FieldErrors = {}
  for (const f of fields) {
    const text = (texts[f.path] ?? '').normalize('NFKC').trim()
    if (f.money) {
      const parsed = parseYuanToFen(text)
      if (parsed.ok) numbers[f.path] = parsed.fen
      else errors[f.path] = parsed.message
    } else if (text === '') numbers[f.path] = undefined
    else if (/^\d{1,6}$/.test(text)) numbers[f.path] = Number(text)
    else errors[f.path] = '只能填整数，比如 30'
  }
  return { numbers, errors }
}

/** Errors no box shows (another field of the table, or the whole table): said under the form. */
export const otherErrors = (errors: FieldErrors, shown: readonly string[]): string[] =>
  Object.entries(errors)
    .filter(([k]) => !shown.some((s) => k === s || k.startsWith(`${s}.`)))
    .map(([, v]) => v)

interface Props {
  fields: readonly NumberField[]
  texts: Record<string, string>
  errors: FieldErrors
  onChange: (path: string, text: string) => void
}

/** The boxes of a rule table's numbers, each with its problem in red. */
export default function NumberFields({ fields, texts, errors, onChange }: Props) {
  return (
    <View>
      {fields.map((f) => (
        <TextField
          key={f.path}
          label={f.label}
          hint={f.hint}
          value={texts[f.path] ?? ''}
          type={f.money ? 'digit' : 'number'}
          maxlength={f.money ? 14 : 6}
          error={errorFor(errors, f.path)}
          onChange={(v) => onChange(f.path, v)}
        />
      ))}
    </View>
  )
}

/** A table checked before sending: the value to send, or the problems by box. */
export type Checked<V> = { ok: true; value: V } | { ok: false; errors: FieldErrors }

/** Saving a table: `prefix` is the event's field that holds it (the server's field errors start with it). */
export function useRuleSave(prefix: string) {
  const [errors, setErrors] = useState<FieldErrors>({})
  const [top, setTop] = useState<string | null>(null)
  const { busy, run } = useSubmit()
  const save = async <V, T>(checked: Checked<V>, send: (v: V) => Promise<Envelope<T>>, onSaved: (data: T, sent: V) => void) => {
    if (!checked.ok) {
      setErrors(checked.errors)
      setTop('有几处要改一改，请看红字')
      return
    }
    setErrors({})
    setTop(null)
    const r = await run(() => send(checked.value))
    if (!r) return
    if (r.ok) {
      void Taro.showToast({ title: '已保存', icon: 'success', duration: 2000 })
      onSaved(r.data, checked.value)
    } else {
      setErrors(formErrors(r.error.fieldErrors, prefix))
      setTop(errorText(r.error))
    }
  }
  return { errors, top, busy, save }
}

interface ButtonsProps {
  busy: boolean
  saveText: string
  onSave: () => void
  onCancel: () => void
  /** The problem of the whole save (the server's words), said with what no box shows. */
  top: string | null
  errors: FieldErrors
  /** The fields that show their own problem. */
  shown: readonly string[]
}

/** Under the boxes: what is still wrong, 保存 and 不改了. */
export function SaveButtons({ busy, saveText, onSave, onCancel, top, errors, shown }: ButtonsProps) {
  const lines = [...new Set([...(top ? [top] : []), ...otherErrors(errors, shown)])]
  return (
    <View>
      {lines.length > 0 && <Alert text={lines.join('\n')} />}
      <Button className='big-button staff-gap' type='primary' block disabled={busy} onClick={onSave}>
        {busy ? '正在保存…' : saveText}
      </Button>
      <Button className='big-button staff-gap' block disabled={busy} onClick={onCancel}>
        不改了
      </Button>
    </View>
  )
}
