import type { DemoUser } from './seed'

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The local runtime's account picker (never part of the mini-program). */
export function signInPage(users: DemoUser[]): string {
  const buttons = users
    .map(
      (u) =>
        `<button type="button" data-key="${escape(u.key)}"><b>${escape(u.label)}</b><small>${escape(u.hint)}</small></button>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>选择演示账号 · 本地运行环境</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f5f6f8;color:#1d1d1f}
main{max-width:480px;margin:0 auto;padding:16px}
h1{font-size:22px;margin:8px 0}
p{font-size:16px;line-height:1.6;color:#444}
button{display:block;width:100%;min-height:56px;margin:10px 0;padding:12px 16px;border:1px solid #d0d4da;border-radius:12px;background:#fff;text-align:left;font-size:18px;cursor:pointer}
button b{display:block;color:#b3261e}
button small{display:block;font-size:15px;color:#555;margin-top:4px}
button:focus{outline:3px solid #1a73e8}
</style></head>
<body><main>
<h1>选择演示账号</h1>
<p>这是本地运行环境，用来试用小程序。在微信里，身份由微信自动确认，没有这一页。</p>
${buttons}
<button type="button" data-key="new"><b>新微信用户</b><small>第一次打开小程序的人</small></button>
<p id="msg" role="status"></p>
</main>
<script>
document.querySelectorAll('button[data-key]').forEach(function (b) {
  b.addEventListener('click', function () {
    fetch('/__dev/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: b.dataset.key }) })
      .then(function (r) { return r.json() })
      .then(function (r) {
        if (!r.token) throw new Error(r.error || 'failed')
        localStorage.setItem('devSession', r.token)
        location.href = '/#/pages/index/index'
      })
      .catch(function () { document.getElementById('msg').textContent = '登录没有成功，请刷新后再试' })
  })
})
</script>
</body></html>`
}
