/** Every named limit, used by client, server and transport caps alike. */
export const limits = {
  /** Largest WebSocket frame the Yjs host accepts (bytes). */
  yjsMaxPayload: 8 * 1024 * 1024,
  /** Largest JSON body the API accepts. */
  jsonBodyBytes: 256 * 1024,
  /** Largest Socket.IO message. */
  socketMaxBuffer: 64 * 1024,
  itemTitleLength: 200,
  caseRefLength: 32,
  agendaItems: 200,
  /** Log rows before the update log is folded into a snapshot. */
  compactEveryUpdates: 500,
  /** How long an empty room stays in memory before it is saved and unloaded (ms). */
  idleUnloadMs: 30_000,
  /**
   * How long a command that changes someone's access waits for the other server processes to apply it before it
   * answers anyway (a process that does not answer re-checks every connection when it reaches Redis again).
   */
  accessRelayWaitMs: 2_000,
  /**
   * Re-checks of "everything may have changed" (after a gap in the relay) run this many at a time: each reads the
   * session and the policy from the same small PostgreSQL pool the Yjs write path uses, so 3,000 at once would starve
   * saving.
   */
  accessRecheckConcurrency: 4,
  /** A re-check that could not read storage is tried again after this long, doubling each time. */
  accessRecheckRetryMs: 1_000,
  /**
   * Longest a connection stays open while storage cannot confirm its access after a change or a gap; then it is closed
   * with the retry close code, so the client reconnects and is authorised afresh.
   */
  accessUnverifiedMaxMs: 30_000,
  /**
   * Bytes of client updates one connection may have held aside while its meeting is being ended (the end can wait on
   * locks and the database pool): past this the editor is closed with `frameTooLarge` and what it had held is dropped.
   * One largest frame fits, so no single legitimate edit is refused.
   */
  heldUpdateBytesPerConnection: 8 * 1024 * 1024,
} as const;

/** The work on an item: the editors' inputs use these, and the server reverts any edit that goes past them. */
export const workLimits = {
  actionsPerItem: 100,
  actionTextLength: 1_000,
  decisionTextLength: 5_000,
  contributionLength: 10_000,
  /** Actions one bulk status change in the tracker may cover. */
  actionsPerBulkUpdate: 500,
  /** A status change's reason (required for "not done" and "not possible"). */
  statusNoteLength: 500,
} as const;

/**
 * What the server keeps every meeting document within (server/realtime/doc-rules.ts). A client that goes past one
 * has that change reverted for everyone and is told why.
 */
export const docLimits = {
  /** Characters in one item's discussion notes (or the chair's restricted notes on it), formatting included. */
  notesPerItem: 500_000,
  /** People and outsiders recorded as sending apologies. */
  apologies: 200,
  /** Agency and author entries in one item's contributions. */
  contributorsPerItem: 400,
  /** Names, agency names and other short labels written into the document. */
  nameLength: 120,
  /** A fractional-index position, an id or a date: short by nature. */
  keyLength: 64,
  /** Encoded size of one meeting document (its whole state); edits that would grow it further are reverted. */
  meetingDocBytes: 8 * 1024 * 1024,
  /** Below this headroom under `meetingDocBytes` the document counts as full (so it is not re-measured per keystroke). */
  meetingDocHeadroomBytes: 64 * 1024,
} as const;

/** Yjs presence (awareness): who is here and where their caret is. */
export const presenceLimits = {
  /** Encoded bytes of one presence state: a name, a colour, a caret and the item being edited fit many times over. */
  stateBytes: 4 * 1024,
  /** Yjs client ids one connection may speak for (one per document it opens; a tab opens one). */
  clientIdsPerConnection: 4,
  /** Presence messages per second per connection (token bucket); a caret moving while typing stays far below. */
  messagesPerSecond: 30,
  messageBurst: 60,
} as const;

/** Series, meetings and the calendar. */
export const seriesLimits = {
  nameLength: 120,
  bodyLength: 200,
  venueLength: 200,
  linkLength: 500,
  members: 200,
  templateItems: 20,
  /** The text of a standing item (the confidentiality statement's wording). */
  standingTextLength: 2_000,
  decisionPrefixLength: 12,
  /** Meetings one "schedule from the cadence" request may add. */
  scheduleAtOnce: 26,
  /** How far ahead a cadence is searched for occurrences; beyond this it "never occurs". */
  cadenceHorizonYears: 5,
  /** Meetings start in working hours, which also keeps them clear of the hour the clocks skip or repeat. */
  earliestTime: '07:00',
  latestTime: '21:00',
  /** A meeting is taken to last this long: two of one series closer than this overlap. */
  meetingLengthMinutes: 120,
  cancelReasonLength: 500,
} as const;

export const authLimits = {
  /** A session ends this long after sign-in, whatever happens. */
  sessionMaxMs: 12 * 60 * 60 * 1000,
  /** …or after this long without any request. */
  sessionIdleMs: 2 * 60 * 60 * 1000,
  failuresBeforeLockout: 5,
  lockoutMs: 15 * 60 * 1000,
  /** Sign-in attempts per IP address per window. */
  signInPerWindow: 20,
  signInWindowMs: 15 * 60 * 1000,
  inviteTtlMs: 7 * 24 * 60 * 60 * 1000,
  passwordMinLength: 12,
  /** Socket.IO events a socket may send per second (token bucket). */
  socketEventsPerSecond: 20,
  socketEventBurst: 40,
} as const;

/** Lengths of what a referral, a case and research may hold. */
export const caseLimits = {
  reasonLength: 2_000,
  summaryLength: 500,
  lawfulBasisLength: 500,
  vulnerabilities: 20,
  vulnerabilityLength: 60,
  messageLength: 2_000,
  closeReasonLength: 500,
  researchPartLength: 10_000,
  /** Suggested earlier cases shown when matching a referral. */
  suggestions: 10,
  /** A series' case reference prefix (RR in RR-2026-017): 2 to 6 capital letters. */
  prefixPattern: /^[A-Z]{2,6}$/,
} as const;

/** Circulation of minutes and reminders by email. */
export const mailLimits = {
  /** A link to an agency extract opens for this long after it is sent. */
  extractLinkTtlMs: 7 * 24 * 60 * 60 * 1000,
  /** Delivery attempts before an email is marked failed (a coordinator may queue it again). */
  maxAttempts: 8,
  /** Backoff between attempts: first wait, doubling each time, capped. */
  retryFirstMs: 60 * 1000,
  retryMaxMs: 60 * 60 * 1000,
  /** How often the sender looks for due emails (also woken at once when one is queued). */
  sendEverySeconds: 15,
  /** An SMTP conversation taking longer than this fails the attempt. */
  smtpTimeoutMs: 20_000,
  /** Largest number of recipients one circulation may name. */
  recipientsPerCirculation: 200,
  /** Reminders: actions due within this many days are in the digest. */
  digestDueWithinDays: 3,
  /** Default days overdue after which an action is escalated to its agency's lead. */
  escalateAfterDaysDefault: 7,
  escalateAfterDaysMax: 90,
  /** The daily reminders run at this local hour (Europe/London). */
  remindersHour: 7,
  timeZone: 'Europe/London',
} as const;

/** The outcomes dashboard. */
export const outcomeLimits = {
  /** Longest date range one request may cover (days): ten years, so one query never scans without end. */
  rangeDays: 3_660,
  /** Years a quarterly return may be asked for. */
  firstYear: 2000,
  lastYear: 2100,
} as const;
