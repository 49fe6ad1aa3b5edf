// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI 3 per-component imports: `import { Button } from '@nutui/nutui-react-taro'` becomes
// `import Button from '@nutui/nutui-react-taro/dist/es/packages/button'` plus its `style/css`.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        style: 'css',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        customStyleName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
}
