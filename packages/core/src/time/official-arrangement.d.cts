declare const arrangement: {
  /** The first year whose arrangement is included. */
  firstYear: number;
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
export = arrangement;
