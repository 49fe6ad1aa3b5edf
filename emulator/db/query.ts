/**
 * mingo wiring: one operator Context (all query, projection, expression, accumulator, window and
 * read-only pipeline operators, plus the geo query operators from ./geo), strict MongoDB mode, and no
 * script operators ($where / $function / $accumulator are refused: queries come from the network).
 */
import { Aggregator } from 'mingo/aggregator'
import { Context, initOptions, ProcessingMode, type Options, type QueryOperator } from 'mingo/core'
import * as accumulatorOps from 'mingo/operators/accumulator'
import * as expressionOps from 'mingo/operators/expression'
import * as pipelineModule from 'mingo/operators/pipeline'
import * as projectionOps from 'mingo/operators/projection'
import * as queryOps from 'mingo/operators/query'
import * as windowOps from 'mingo/operators/window'
import { Query } from 'mingo/query'
import { resolve } from 'mingo/util'
import type { Doc } from '../ejson'
import { isPlainObject } from '../ejson'
import { CloudBaseError } from '../errors'
import { geoIntersectsPredicate, geoWithinPredicate, parseNearSphere, withinNear, type NearSpec } from './geo'

const geoQueryOps: Record<string, QueryOperator> = {
  $geoWithin: (selector, value) => {
    const test = geoWithinPredicate(value)
    return obj => test(resolve(obj, selector))
  },
  $geoIntersects: (selector, value) => {
    const test = geoIntersectsPredicate(value)
    return obj => test(resolve(obj, selector))
  },
  $nearSphere: (selector, value) => {
    const spec = parseNearSphere(value)
    return obj => withinNear(spec, resolve(obj, selector)) !== undefined
  },
}

// $out and $merge would write into the arrays handed to mingo, bypassing the engine.
const { $out: _out, $merge: _merge, ...readOnlyPipelineOps } = pipelineModule
void _out
void _merge

const CONTEXT = Context.init({
  query: { ...queryOps, ...geoQueryOps },
  projection: { ...projectionOps },
  expression: { ...expressionOps },
  accumulator: { ...accumulatorOps },
  window: { ...windowOps },
  pipeline: { ...readOnlyPipelineOps },
})

const BASE_OPTIONS: Partial<Options> = {
  context: CONTEXT,
  useGlobalContext: false,
  useStrictMode: true,
  scriptEnabled: false,
  processingMode: ProcessingMode.CLONE_OFF,
}
const DEFAULT_OPTIONS = initOptions(BASE_OPTIONS)

export function mingoOptions(extra?: Partial<Options>): Options {
  return extra ? initOptions({ ...BASE_OPTIONS, ...extra }) : DEFAULT_OPTIONS
}

function asCloudBaseError(e: unknown, what: string): CloudBaseError {
  if (e instanceof CloudBaseError) return e
  const message = e instanceof Error ? e.message : String(e)
  const code = /unknown (top level |query |pipeline )?operator|not supported|Invalid (pipeline )?operator/i.test(message)
    ? 'DATABASE_INVALID_OPERRATOR'
    : 'DATABASE_REQUEST_FAILED'
  return new CloudBaseError(code, `${what}: ${message}`)
}

export function guard<T>(what: string, f: () => T): T {
  try {
    return f()
  } catch (e) {
    throw asCloudBaseError(e, what)
  }
}

export interface CompiledFilter {
  test(doc: Doc): boolean
  /** a top-level `field: { $nearSphere }` condition, which also orders the result by distance */
  near?: { field: string; spec: NearSpec }
}

export function compileFilter(query: Doc): CompiledFilter {
  return guard('bad query', () => {
    const q = new Query(query, mingoOptions())
    let near: CompiledFilter['near']
    for (const [field, cond] of Object.entries(query)) {
      if (!field.startsWith('$') && isPlainObject(cond) && cond.$nearSphere !== undefined) {
        if (near) throw new Error('only one $nearSphere (geoNear) condition is allowed')
        near = { field, spec: parseNearSphere(cond.$nearSphere) }
      }
    }
    return { test: (doc: Doc) => q.test(doc), near }
  })
}

export interface PageOptions {
  order?: Doc
  skip?: number
  limit?: number
}

/** Orders (by `order`, else keeps the given order), then skips and limits. */
export function page(docs: Doc[], opts: PageOptions): Doc[] {
  let sorted = docs
  if (opts.order && Object.keys(opts.order).length > 0) {
    const order = opts.order
    sorted = guard('bad order', () => new Query({}, mingoOptions()).find<Doc>(docs).sort(order).all())
  }
  const start = opts.skip ?? 0
  return sorted.slice(start, opts.limit === undefined ? undefined : start + opts.limit)
}

export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs
  return guard('bad projection', () => new Query({}, mingoOptions()).find<Doc>(docs, projection).all())
}

export function runPipeline(docs: Doc[], pipeline: Doc[], resolveCollection: (name: string) => Doc[]): Doc[] {
  return guard('aggregation failed', () =>
    new Aggregator(pipeline, mingoOptions({ processingMode: ProcessingMode.CLONE_INPUT, collectionResolver: resolveCollection })).run(docs) as Doc[],
  )
}
