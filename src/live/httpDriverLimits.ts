/** Light module (no SDK, no autocannon): the CLI reads it for --help without loading the live driver. */

/** What the http driver does not follow of the shared plan, for --help, the plan and the result. */
export const HTTP_DRIVER_LIMITS =
  "http driver: tenants and operations follow the shared schedule in sending order, but timing does not: autocannon is " +
  "closed-loop at the mean rate of the warm-up and of the measured window (no ramps, steps, spikes or Poisson arrivals); " +
  "kms:* mix entries are not sent; latency runs from the service's receipt of each request (not corrected for coordinated omission)";
