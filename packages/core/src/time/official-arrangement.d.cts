declare const arrangement: {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
export = arrangement;
