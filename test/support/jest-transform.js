// babel-jest with explicit presets (not the project's babel.config.js, which is Taro's); it hoists jest.mock above imports.
module.exports = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [['@babel/preset-env', { targets: { node: 'current' } }], ['@babel/preset-react', { runtime: 'automatic' }], '@babel/preset-typescript'],
  },
]
