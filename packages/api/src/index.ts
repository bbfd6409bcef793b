// @truckroll/api public API.
export {};
