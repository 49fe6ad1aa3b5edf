import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import './Explain.css'

/** Words workers meet on the forms, each said in one plain line. */
export const GLOSSARY: Readonly<Record<string, string>> = {
  起付线: '医药费里要先自己出的那一部分。超过这个数的钱，才按比例补助。',
  补助比例: '超过起付线的钱，按这个比例补。比如 50%，就是补一半。',
  赔付比例: '按这个比例给钱。比如 50%，就是给一半。',
  封顶: '最多只补这么多钱，补够了就不再补。',
  等待期: '刚参加保障的一段日子。这段日子里生病不补助，过了才补助。',
  观察期: '就是等待期：刚参加保障的一段日子里生病不补助，过了才补助。',
  减额期: '等待期过后的一段日子。这段日子里生病只补一部分，过了才全额补。',
  保额: '算补助用的钱数，比如伤残按保额的几成补。',
  自付: '医药费里医保报销以后，要自己掏的钱。',
  仲裁时效: '申请劳动仲裁的期限，一般是一年。过了期限，钱就很难讨回来了。',
  劳动仲裁: '和单位有矛盾（比如欠工资），可以到劳动仲裁委申请，让他们评理、做决定。不收费。',
  法律援助: '工会免费帮你：讲法律、出主意、帮你和单位谈，符合条件的还免费请律师。',
  调解: '工会在中间帮你和单位商量，双方都同意了，就不用打官司。',
  互助保障: '职工一起参加的保障：谁生病住院或出了意外，工会按规定补助一部分钱。',
  会籍: '你是工会会员这件事：在哪个工会、从哪天开始。',
  会籍接转: '换了工作，把会员关系转到新的工会，不用重新入会。',
  转会: '换了工作，把会员关系转到新的工会，不用重新入会。',
  基层工会: '你单位或你所在地方的工会，是离你最近的工会。',
  联合工会: '几家小单位或一个地方（比如一个市场、一个园区）一起成立的工会。单位没有工会，可以在这里入会。',
}

export type GlossaryTerm = keyof typeof GLOSSARY

interface Props {
  /** A word of GLOSSARY (or any word, with `text`). */
  term: string
  /** Shown instead of the bare term, e.g. 会籍记录. */
  label?: string
  /** The explanation, when the term is not in GLOSSARY. */
  text?: string
}

/** The word with ⓘ: a tap shows its one-line explanation right under it, another tap hides it. */
export default function Explain({ term, label, text }: Props) {
  const [open, setOpen] = useState(false)
  const meaning = text ?? GLOSSARY[term]
  if (!meaning) return null
  return (
    <View className={`explain${open ? ' explain--open' : ''}`}>
      <View className='explain__term' role='button' aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <Text className='explain__word'>{label ?? term}</Text>
        <Text className='sr-only'>是什么意思</Text>
        <Text className='explain__icon' aria-hidden>
          ⓘ
        </Text>
      </View>
      {open && (
        <Text className='explain__text'>{`${term}：${meaning}`}</Text>
      )}
    </View>
  )
}

/** GLOSSARY words found in the texts, in glossary order, each once (a longer word wins over a word inside it). */
export function termsIn(texts: ReadonlyArray<string | null | undefined>): string[] {
  const all = texts.filter(Boolean).join('\n')
  const found = Object.keys(GLOSSARY).filter((t) => all.includes(t))
  return found.filter((t) => !found.some((o) => o !== t && o.includes(t) && !all.split(o).join('').includes(t)))
}

/** An Explain for every GLOSSARY word in some texts (lines from the server: a plan's rules, the payout's arithmetic). */
export function ExplainTerms({ texts }: { texts: ReadonlyArray<string | null | undefined> }) {
  const terms = termsIn(texts)
  if (terms.length === 0) return null
  return (
    <View className='explain-terms'>
      {terms.map((t) => (
        <Explain key={t} term={t} />
      ))}
    </View>
  )
}
