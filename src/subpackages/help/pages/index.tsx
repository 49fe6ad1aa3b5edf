import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { pageClass, useTextSize } from '../../../services/text-size'
import Explain from '../../../components/Explain'
import './index.css'

const HOTLINE = '12351'

const call = () => {
  Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => {
    // Cancelled, or no phone function (e.g. a tablet): show the number to dial by hand.
    Taro.showToast({ title: `请用手机拨打 ${HOTLINE}`, icon: 'none', duration: 3000 })
  })
}

interface Qa {
  q: string
  a: string[]
}

const QUESTIONS: Qa[] = [
  {
    q: '我的信息安全吗？',
    a: [
      '安全。你在这里办的事，我们不会告诉你的老板。',
      '身份证号是加密保存的，页面上只显示一部分。工作人员只在办你的事时才能看，每次看都有记录。',
      '手机号和姓名在页面上只显示一部分。',
    ],
  },
  {
    q: '用这个要花钱吗？',
    a: [
      '用这个小程序不花钱。问法律问题、找爱心驿站，都是免费的。',
      '入会以后，每月要交一点会费，一般是每 100 元工资交 5 角钱。入会时会跟你说清楚。',
    ],
  },
  {
    q: '我的单位没有工会，能用吗？',
    a: ['能用。单位没有工会，也可以在这里申请入会，由当地的工会接收。在首页点“入会”就行。'],
  },
  {
    q: '不会用怎么办？',
    a: ['可以打上面的 12351 电话问工会，也可以请家人或工友帮你看。'],
  },
]

export default function Help() {
  const { textClass } = useTextSize()
  return (
    <View className={pageClass('page help', textClass)}>
      <View className='card help__hotline'>
        <Text className='help__title'>职工维权热线</Text>
        <Text className='help__number'>{HOTLINE}</Text>
        <Text className='help__para'>工资被拖欠、受了工伤、被乱辞退，都可以打这个电话问工会。全国都能打。</Text>
        <Button className='big-button help__call' type='primary' block aria-label={`拨打 ${HOTLINE}`} onClick={call}>
          📞 拨打 {HOTLINE}
        </Button>
      </View>

      <View className='card'>
        <Text className='help__title'>这个小程序能做什么</Text>
        <Text className='help__para'>这是县总工会给职工办事用的。在手机上就能：</Text>
        <View className='help__list'>
          <Text className='help__item'>加入工会（入会）</Text>
          <Text className='help__item'>工资被拖欠、被乱辞退、受了工伤，找工会帮忙（法律援助）</Text>
          <Text className='help__item'>生病住院，申请互助补助（互助保障）</Text>
          <Text className='help__item'>找附近的爱心驿站：喝热水、热饭、歇歇脚、给手机充电</Text>
        </View>
        <View className='explain-terms'>
          <Explain term='法律援助' />
          <Explain term='互助保障' />
        </View>
        <Text className='help__para muted'>有些功能还在准备，准备好就能用。</Text>
      </View>

      <Text className='section-title'>常见问题</Text>
      {QUESTIONS.map((item) => (
        <View className='card help__qa' key={item.q}>
          <Text className='help__q'>{item.q}</Text>
          {item.a.map((line) => (
            <Text className='help__a' key={line}>
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}
