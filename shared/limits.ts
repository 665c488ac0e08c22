/** Numbers and patterns the engine, the contract, the CLI and the screens must agree on: defined once here. */

/** The browser-mode bridge's per-launch token travels in this header (header names are case-insensitive). */
export const BRIDGE_TOKEN_HEADER = 'x-custodia-token';

/** Powers of attorney ending within this many days are flagged as expiring. */
export const POA_WARNING_DAYS = 30;

/** A full fixity audit is due this often unless the archivist sets another schedule. */
export const DEFAULT_AUDIT_EVERY_DAYS = 30;
/** The longest audit schedule (and the longest "expiring within" window) anyone may ask for: ten years. */
export const MAX_DAYS_SETTING = 3650;

/** A Bates prefix: 1–24 letters (any script), digits, "_", "." or "-", starting with a letter or digit. */
export const BATES_PREFIX_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,23}$/u;
export const BATES_PREFIX_RULE = '1–24 letters, digits, "_", "." or "-"';

/** The most cases one `cases.summaries` call names (an item's own case and the cases it is linked to). */
export const CASE_SUMMARIES_MAX = 1000;
