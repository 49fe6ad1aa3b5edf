import { Text, View } from '@tarojs/components'
import { ExplainTerms } from '../../../components/Explain'

/** Which union handles it, and why, in one sentence. */
export default function RouteBox({ orgName, why, title = '由哪个工会办理' }: { orgName: string; why: string; title?: string }) {
  return (
    <View className='route' role='group' aria-label={title}>
      <Text className='route__title'>{title}</Text>
      <Text className='route__org'>🏠 {orgName}</Text>
      <Text className='route__why'>{why}</Text>
      <ExplainTerms texts={[orgName, why]} />
    </View>
  )
}
