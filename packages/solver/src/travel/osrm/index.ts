// The OSRM travel model, driving directions and calibration of the great-circle estimate.
// Importing this does not load osrm-text-instructions (directions load it on first use).
export { createOsrmClient, wireCoordinate, osrmPath, type OsrmClient, type OsrmClientOptions, type OsrmRequest, type OsrmService } from './client.ts';
export { osrmTable, osrmTravelModel, planBlocks, type OsrmTableOptions, type OsrmTravelModel, type OsrmTravelOptions, type TableBlock } from './table.ts';
export { OsrmTableCache, sharedOsrmCache, type OsrmCell } from './cache.ts';
export { travelErrorFromOsrm, describeLocation, type OsrmRequestContext } from './errors.ts';
export { problemLocationLabels } from './labels.ts';
export {
  directionsForRoute,
  directionsForBoard,
  type DirectionsOptions,
  type DirectionsLeg,
  type DirectionsStep,
  type RouteDirections,
  type TechnicianDirections,
  type GeoJsonLineString,
  type OsrmSource,
} from './directions.ts';
export { calibrate, relativeErrors, quantile, type Calibration, type CalibrateOptions, type GreatCircleFit, type RelativeErrors } from './calibrate.ts';
