// Which operation names become metrics label values. Every label value is a time series in
// Prometheus, and operation names are chosen by clients: unbounded, they would let anyone grow
// the metrics store without limit. Registered operations (the safelist) always have their own
// label; of the rest, the first `maxOthers` names seen get one, and every later name is `other`.
export const OTHER_OPERATION = "other";

export interface OperationLabelOptions {
  /** Names that always get their own label (the operations of the safelist manifest). */
  registered?: Iterable<string>;
  /** How many other names get a label of their own, first seen first served. */
  maxOthers: number;
}

export class OperationLabels {
  private readonly registered: ReadonlySet<string>;
  private readonly others = new Set<string>();

  constructor(private readonly options: OperationLabelOptions) {
    this.registered = new Set(options.registered ?? []);
  }

  labelOf(operationName: string): string {
    if (this.registered.has(operationName) || this.others.has(operationName)) return operationName;
    if (this.others.size >= this.options.maxOthers) return OTHER_OPERATION;
    this.others.add(operationName);
    return operationName;
  }
}
