/** `kmsplan rehearse` (library): live against the local emulator, simulate, compare. */
export { rehearse } from "./rehearse.js";
export { applyCalibration, calibrationFrom, calibrationScenario, uncalibrated, withLiveLocalTime, MIN_LOCAL_TIME_SAMPLES, CALIBRATION_QUOTA_PER_SEC, DEFAULT_CALIBRATION_MS, PROBE_LABEL, PROBE_SHARE } from "./calibrate.js";
export type { Calibration, RehearsalOutcome, RehearseOptions, RehearsePhase, RehearseProgress } from "./types.js";
