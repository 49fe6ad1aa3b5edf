/**
 * Geo support mingo lacks: `$nearSphere`, `$geoWithin`, `$geoIntersects` query operators and the
 * `$geoNear` aggregation stage.
 *
 * Distances are great-circle distances in metres on a sphere of radius 6 378 100 m (MongoDB's value for
 * 2dsphere). Containment and intersection use planar geometry on [lng, lat] — exact enough for the
 * town/county-sized shapes this product uses, unlike MongoDB's geodesic edges on continent-sized ones.
 */
import { isPlainObject } from '../ejson'

export const EARTH_RADIUS_M = 6378100

export type Position = [number, number]

export function isPosition(v: unknown): v is Position {
  return Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number'
}

/** A GeoJSON Point's [lng, lat] (also accepts a legacy [lng, lat] pair). */
export function pointOf(v: unknown): Position | undefined {
  if (isPosition(v)) return [v[0], v[1]]
  if (isPlainObject(v) && v.type === 'Point' && isPosition(v.coordinates)) return [v.coordinates[0], v.coordinates[1]]
  return undefined
}

const rad = (d: number): number => (d * Math.PI) / 180

export function sphericalDistance(a: Position, b: Position): number {
  const dLat = rad(b[1] - a[1])
  const dLng = rad(b[0] - a[0])
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A geometry broken into what the planar tests need. */
interface Shape {
  points: Position[]
  segments: Array<[Position, Position]>
  polygons: Position[][][] // polygon → rings (first is the outer ring)
}

function ringsOf(v: unknown): Position[][] | undefined {
  if (!Array.isArray(v) || !v.every(r => Array.isArray(r) && r.every(isPosition))) return undefined
  return (v as Position[][]).map(r => r.map(p => [p[0], p[1]] as Position))
}

export function shapeOf(g: unknown): Shape | undefined {
  if (!isPlainObject(g) || typeof g.type !== 'string') return undefined
  const c = g.coordinates
  const shape: Shape = { points: [], segments: [], polygons: [] }
  const addLine = (line: Position[]): void => {
    shape.points.push(...line)
    for (let i = 1; i < line.length; i++) shape.segments.push([line[i - 1], line[i]])
  }
  const addPolygon = (rings: Position[][]): void => {
    shape.polygons.push(rings)
    rings.forEach(addLine)
  }
  switch (g.type) {
    case 'Point':
      if (!isPosition(c)) return undefined
      shape.points.push([c[0], c[1]])
      return shape
    case 'MultiPoint':
    case 'LineString': {
      if (!Array.isArray(c) || !c.every(isPosition)) return undefined
      const line = (c as Position[]).map(p => [p[0], p[1]] as Position)
      if (g.type === 'LineString') addLine(line)
      else shape.points.push(...line)
      return shape
    }
    case 'MultiLineString':
    case 'Polygon': {
      const rings = ringsOf(c)
      if (!rings) return undefined
      if (g.type === 'Polygon') addPolygon(rings)
      else rings.forEach(addLine)
      return shape
    }
    case 'MultiPolygon': {
      if (!Array.isArray(c)) return undefined
      for (const p of c) {
        const rings = ringsOf(p)
        if (!rings) return undefined
        addPolygon(rings)
      }
      return shape
    }
    default:
      return undefined
  }
}

const EPS = 1e-12

function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
  return Math.abs(v) < EPS ? 0 : Math.sign(v)
}

function onSegment(p: Position, a: Position, b: Position): boolean {
  return (
    orient(a, b, p) === 0 &&
    Math.min(a[0], b[0]) - EPS <= p[0] && p[0] <= Math.max(a[0], b[0]) + EPS &&
    Math.min(a[1], b[1]) - EPS <= p[1] && p[1] <= Math.max(a[1], b[1]) + EPS
  )
}

function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a, b, c)
  const o2 = orient(a, b, d)
  const o3 = orient(c, d, a)
  const o4 = orient(c, d, b)
  if (o1 !== o2 && o3 !== o4) return true
  return onSegment(c, a, b) || onSegment(d, a, b) || onSegment(a, c, d) || onSegment(b, c, d)
}

/** Ray casting; points on an edge count as inside. */
function inRing(p: Position, ring: Position[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]
    const b = ring[j]
    if (onSegment(p, a, b)) return true
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

function inPolygon(p: Position, rings: Position[][]): boolean {
  if (rings.length === 0 || !inRing(p, rings[0])) return false
  return !rings.slice(1).some(hole => inRing(p, hole) && !hole.some((a, i) => i > 0 && onSegment(p, hole[i - 1], a)))
}

function shapeInside(inner: Shape, outer: Shape): boolean {
  if (outer.polygons.length === 0) return false
  const pointsInside = inner.points.every(p => outer.polygons.some(poly => inPolygon(p, poly)))
  if (!pointsInside) return false
  // an edge of the inner shape may still leave the outer polygon through a hole or a concavity
  return inner.segments.every(([a, b]) => {
    const mid: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]
    return outer.polygons.some(poly => inPolygon(mid, poly))
  })
}

function shapesIntersect(x: Shape, y: Shape): boolean {
  for (const p of x.points) for (const q of y.points) if (Math.abs(p[0] - q[0]) < EPS && Math.abs(p[1] - q[1]) < EPS) return true
  for (const p of x.points) for (const [a, b] of y.segments) if (onSegment(p, a, b)) return true
  for (const p of y.points) for (const [a, b] of x.segments) if (onSegment(p, a, b)) return true
  for (const [a, b] of x.segments) for (const [c, d] of y.segments) if (segmentsIntersect(a, b, c, d)) return true
  if (x.points.some(p => y.polygons.some(poly => inPolygon(p, poly)))) return true
  return y.points.some(p => x.polygons.some(poly => inPolygon(p, poly)))
}

/** Value of a `$geoWithin` operator: `{ $geometry: Polygon|MultiPolygon }` or `{ $centerSphere: [[lng, lat], radians] }`. */
export function geoWithinPredicate(spec: unknown): (value: unknown) => boolean {
  if (isPlainObject(spec) && Array.isArray(spec.$centerSphere)) {
    const [center, radius] = spec.$centerSphere as unknown[]
    if (!isPosition(center) || typeof radius !== 'number') throw new Error('$centerSphere needs [[lng, lat], radiusInRadians]')
    const maxMetres = radius * EARTH_RADIUS_M
    return value => {
      const shape = shapeOf(value) ?? (isPosition(value) ? shapeOf({ type: 'Point', coordinates: value }) : undefined)
      return !!shape && shape.points.length > 0 && shape.points.every(p => sphericalDistance(p, center) <= maxMetres)
    }
  }
  if (isPlainObject(spec) && spec.$geometry !== undefined) {
    const outer = shapeOf(spec.$geometry)
    if (!outer || outer.polygons.length === 0) throw new Error('$geoWithin $geometry must be a Polygon or MultiPolygon')
    return value => {
      const shape = shapeOf(value) ?? (isPosition(value) ? shapeOf({ type: 'Point', coordinates: value }) : undefined)
      return !!shape && shapeInside(shape, outer)
    }
  }
  throw new Error('$geoWithin supports $geometry and $centerSphere')
}

export function geoIntersectsPredicate(spec: unknown): (value: unknown) => boolean {
  const other = isPlainObject(spec) ? shapeOf(spec.$geometry) : undefined
  if (!other) throw new Error('$geoIntersects needs a GeoJSON $geometry')
  return value => {
    const shape = shapeOf(value)
    return !!shape && shapesIntersect(shape, other)
  }
}

export interface NearSpec {
  center: Position
  maxDistance?: number
  minDistance?: number
}

/** Value of `$nearSphere` as the SDK sends it (`_.geoNear`): `{ $geometry: Point, $maxDistance?, $minDistance? }`. */
export function parseNearSphere(spec: unknown): NearSpec {
  if (!isPlainObject(spec)) throw new Error('$nearSphere needs { $geometry: Point }')
  const center = pointOf(spec.$geometry)
  if (!center) throw new Error('$nearSphere $geometry must be a GeoJSON Point')
  const num = (v: unknown, name: string): number | undefined => {
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'number' || v < 0) throw new Error(`${name} must be a non-negative number`)
    return v
  }
  return { center, maxDistance: num(spec.$maxDistance, '$maxDistance'), minDistance: num(spec.$minDistance, '$minDistance') }
}

export function withinNear(spec: NearSpec, value: unknown): number | undefined {
  const p = pointOf(value)
  if (!p) return undefined
  const d = sphericalDistance(spec.center, p)
  if (spec.maxDistance !== undefined && d > spec.maxDistance) return undefined
  if (spec.minDistance !== undefined && d < spec.minDistance) return undefined
  return d
}
