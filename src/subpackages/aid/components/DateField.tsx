// A day picked with the date wheel: shared with the other worker pages (src/components/DateField.tsx).
export { default } from '../../../components/DateField'
