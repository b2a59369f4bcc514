/**
 * The loaded dataset and the user's schema edits. `info` is big and read-only, so it lives in `$state.raw` and is
 * replaced on each load; `schema` is the small, editable part (deeply reactive).
 */
import type { DatasetInfo, Schema, SdType } from '../../api/types.js';
import { cloneSchema, taskOf, type TaskType } from '../../core/schema.js';

export class DatasetState {
  /** What the worker reported for the last file that loaded without error. */
  info = $state.raw<DatasetInfo | null>(null);
  /** The schema the next Generate uses: the inferred one plus the user's edits. */
  schema = $state<Schema | null>(null);

  /** Classification or regression, following the target's sdtype; null without a target. */
  readonly task: TaskType | null = $derived(this.schema ? taskOf(this.schema) : null);

  /** Columns that can be the target: not skipped, not ids. */
  readonly targetChoices: string[] = $derived(
    this.schema ? this.schema.columns.filter((c) => !c.skip && c.sdtype !== 'id').map((c) => c.name) : [],
  );

  /** Takes a freshly loaded file: its schema becomes the editable one, with `target` (none unless given). */
  accept(info: DatasetInfo, target: string | null = null): void {
    const schema = cloneSchema(info.schema);
    schema.target = target !== null && schema.columns.some((c) => c.name === target) ? target : null;
    this.info = info;
    this.schema = schema;
  }

  /**
   * Changes one column's sdtype. Only `sdtype` changes: levels, range and format found at inference stay, so
   * switching back (or the engine re-deriving what the new type needs) loses nothing.
   */
  setType(name: string, sdtype: SdType): void {
    const col = this.schema?.columns.find((c) => c.name === name);
    if (!col) return;
    col.sdtype = sdtype;
    if (this.schema && this.schema.target === name && sdtype === 'id') this.schema.target = null;
  }

  setSkip(name: string, skip: boolean): void {
    const col = this.schema?.columns.find((c) => c.name === name);
    if (!col) return;
    col.skip = skip;
    if (skip && this.schema && this.schema.target === name) this.schema.target = null;
  }

  setTarget(name: string | null): void {
    if (!this.schema) return;
    this.schema.target = name && this.schema.columns.some((c) => c.name === name) ? name : null;
  }

  /** The sdtype inference chose for a column (to mark edited rows). */
  inferredType(name: string): SdType | undefined {
    return this.info?.schema.columns.find((c) => c.name === name)?.sdtype;
  }

  /** A plain copy for the worker (a `$state` proxy cannot be posted). */
  snapshot(): Schema | null {
    return this.schema ? $state.snapshot(this.schema) : null;
  }
}
