import { Text, View } from '@tarojs/components'
import './WizardSteps.css'

/** 第 2 步，共 4 步, a bar with one piece a step, and what this step is about. `step` counts from 1. */
export default function WizardSteps({ step, titles }: { step: number; titles: readonly string[] }) {
  const count = titles.length
  return (
    <View className='steps' aria-label={`第 ${step} 步，共 ${count} 步：${titles[step - 1]}`}>
      <Text className='steps__count'>
        第 {step} 步，共 {count} 步
      </Text>
      <View className='steps__bar' aria-hidden>
        {titles.map((t, i) => (
          <View key={t} className={`steps__seg${i < step ? ' steps__seg--on' : ''}`} />
        ))}
      </View>
      <Text className='steps__title'>{titles[step - 1]}</Text>
    </View>
  )
}
