import { Text, View } from '@tarojs/components'
import './StepSummary.css'

export interface SummaryGroup<S extends number> {
  step: S
  lines: string[]
}

/** 你填的内容 at the end of a wizard: what each step said, with 改一改 back to that step. */
export default function StepSummary<S extends number>({ groups, onEdit }: { groups: SummaryGroup<S>[]; onEdit(step: S): void }) {
  return (
    <View className='summary' aria-label='你填的内容'>
      <Text className='summary__title'>你填的内容</Text>
      {groups.map((g) => (
        <View key={g.step} className='summary__group'>
          <View className='summary__lines'>
            {g.lines.filter(Boolean).map((l) => (
              <Text key={l} className='summary__line'>
                {l}
              </Text>
            ))}
          </View>
          <View className='text-link summary__edit' role='button' aria-label={`改一改 第 ${g.step} 步`} onClick={() => onEdit(g.step)}>
            <Text>改一改</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
