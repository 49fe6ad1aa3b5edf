import { Text, View } from '@tarojs/components'
import { ExplainTerms } from '../../../components/Explain'

/** The payout's arithmetic in plain words, one line a step ("自付 9,200 元 − 起付线 650 元 = …"). */
export default function Arithmetic({ steps }: { steps: readonly string[] }) {
  if (steps.length === 0) return null
  return (
    <View className='aid-math'>
      <Text className='aid-math__title'>怎么算的</Text>
      <View role='list' aria-label='怎么算的'>
        {steps.map((line) => (
          <View key={line} role='listitem'>
            <Text className='aid-math__line'>{line}</Text>
          </View>
        ))}
      </View>
      <ExplainTerms texts={steps} />
    </View>
  )
}
