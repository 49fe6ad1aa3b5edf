import { Text, View } from '@tarojs/components'
import { TEXT_SIZES, type TextSize } from '../services/text-size'
import './TextSizeChoice.css'

interface Props {
  size: TextSize
  onChoose(size: TextSize): void
}

/** 字大一点: three big choices, each showing a line in its own size; the choice applies at once. */
export default function TextSizeChoice({ size, onChoose }: Props) {
  return (
    <View className='card text-size' id='text-size'>
      <Text className='text-size__title'>字大一点</Text>
      <Text className='text-size__hint'>点一下就换好了，每个页面都会用这个大小。</Text>
      <View className='text-size__list' role='radiogroup' aria-label='字的大小'>
        {TEXT_SIZES.map((o) => {
          const on = o.code === size
          return (
            <View
              key={o.code}
              className={`text-size__choice${on ? ' text-size__choice--on' : ''}`}
              role='radio'
              aria-checked={on}
              aria-label={`${o.label}${on ? '，正在用' : ''}`}
              onClick={() => onChoose(o.code)}
            >
              <Text className='text-size__label'>
                {on ? '✓ ' : ''}
                {o.label}
              </Text>
              <Text className={`text-size__sample text-size__sample--${o.code}`} aria-hidden>
                字这么大
              </Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
