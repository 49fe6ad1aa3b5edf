import { useState } from 'react'
import { View, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './SearchBox.css'

interface Props {
  /** For screen readers and tests, e.g. 查找会员. */
  label: string
  placeholder: string
  /** A search is on: offer 看全部. */
  active: boolean
  onSearch: (q: string) => void
  maxlength?: number
}

/** A search field with 查找 (or the keyboard's search key) and, while a search is on, 看全部. */
export default function SearchBox({ label, placeholder, active, onSearch, maxlength }: Props) {
  const [typed, setTyped] = useState('')
  return (
    <View className='card'>
      <Input
        className='field-input'
        value={typed}
        maxlength={maxlength}
        confirmType='search'
        placeholder={placeholder}
        aria-label={label}
        onInput={(e) => setTyped(String(e.detail.value))}
        onConfirm={() => onSearch(typed.trim())}
      />
      <View className='search-box__buttons'>
        <Button className='staff-action search-box__btn' type='primary' onClick={() => onSearch(typed.trim())}>
          查找
        </Button>
        {active && (
          <Button
            className='staff-action search-box__btn'
            onClick={() => {
              setTyped('')
              onSearch('')
            }}
          >
            看全部
          </Button>
        )}
      </View>
    </View>
  )
}
