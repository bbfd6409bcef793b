// @truckroll/sim public API.
export {};
