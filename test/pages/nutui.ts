// The NutUI barrel loads every component (and crashes in jsdom); hand tests the per-component
// modules babel-plugin-import produces in the real build. Add a line when a page uses a new one.
export function nutuiPerComponent() {
  return {
    Button: require('@nutui/nutui-react-taro/dist/es/packages/button').default,
    Skeleton: require('@nutui/nutui-react-taro/dist/es/packages/skeleton').default,
  }
}
