/**
 * Stable diagnostic codes of the readers (the `PC1xx` range: format and schema problems).
 * Each is listed in the README's "Diagnostics → Reading" section and covered by a test.
 */
export const READ_CODES = {
  /** The file is larger than the cap (pegasus-plan's `pegasus.parser.document.size`, 500 MB). */
  tooLarge: 'PC100',
  /** Malformed YAML or JSON. */
  yamlSyntax: 'PC101',
  /** A key appears twice in one mapping; the last value wins, as in pegasus-plan. */
  duplicateKey: 'PC102',
  /** Too many aliases, or aliases that expand beyond the document's size. */
  aliasLimit: 'PC103',
  /** Nesting deeper than the reader accepts. */
  tooDeep: 'PC104',
  /** The bytes are not valid UTF-8. */
  notUtf8: 'PC105',
  /** The document is not a mapping, or lacks what makes it a workflow or catalog at all. */
  notADocument: 'PC106',
  /** A required key is missing. */
  missingKey: 'PC110',
  /** A value has the wrong type. */
  wrongType: 'PC111',
  /** A value is not one of the allowed words. */
  badEnum: 'PC112',
  /** A key the format does not have (pegasus-plan rejects it: "Illegal key" / "Unsupported key"). */
  unknownKey: 'PC113',
  /** A job id that does not match `^[-0-9a-zA-Z_]+$`. */
  badJobId: 'PC114',
  /** A version string that does not match `^[0-9]+(\.[0-9]+(\.[0-9]+)?)?$`. */
  badVersion: 'PC115',
  /** A list that must not be empty is empty. */
  emptyList: 'PC116',
} as const;

export type ReadCode = (typeof READ_CODES)[keyof typeof READ_CODES];
