const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A plain page listing what the app "sent" through WeChat open APIs (subscribe messages). */
export function outboxPage(messages: unknown[]): string {
  const rows = messages
    .slice()
    .reverse()
    .map((m) => `<pre>${escape(JSON.stringify(m, null, 2))}</pre>`)
    .join('\n')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>消息发件箱 · 本地运行环境</title>
<style>body{font-family:system-ui,sans-serif;margin:16px}pre{background:#f5f6f8;padding:12px;border-radius:8px;white-space:pre-wrap;word-break:break-all}</style></head>
<body><h1>消息发件箱</h1><p>本地运行环境里，订阅消息不会真的发到微信，而是记在这里（共 ${messages.length} 条）。</p>${rows || '<p>还没有消息。</p>'}</body></html>`
}
