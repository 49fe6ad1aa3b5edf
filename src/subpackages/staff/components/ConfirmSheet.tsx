import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './ConfirmSheet.css'

interface Props {
  title: string
  children?: ReactNode
  confirmText: string
  cancelText: string
  /** E.g. until a reason is chosen. */
  confirmDisabled?: boolean
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** A confirm dialog from the bottom of the screen (reachable with one thumb); tapping outside cancels. */
export default function ConfirmSheet({ title, children, confirmText, cancelText, confirmDisabled = false, busy = false, onConfirm, onCancel }: Props) {
  return (
    <View className='sheet' role='dialog' aria-modal='true' aria-label={title}>
      <View className='sheet__mask' onClick={busy ? undefined : onCancel} />
      <View className='sheet__panel'>
        <Text className='sheet__title'>{title}</Text>
        {children}
        <View className='sheet__buttons'>
          <Button className='big-button sheet__confirm' type='primary' block disabled={confirmDisabled || busy} onClick={onConfirm}>
            {busy ? '正在办理…' : confirmText}
          </Button>
          <Button className='big-button sheet__cancel' block disabled={busy} onClick={onCancel}>
            {cancelText}
          </Button>
        </View>
      </View>
    </View>
  )
}
