/**
 * A table of counts on the 区域总览 (各网格, 一线人员成效): a titled section, a note, one row per
 * grid or person with its name as the row header, and the figures right-aligned.
 */
import type { ComponentChildren } from 'preact';

export interface FigureRow {
  key: string;
  /** The row's name (a grid, a person), or a link into it. */
  header: ComponentChildren;
  cells: readonly (string | number)[];
  class?: string | undefined;
}

interface FigureTableProps {
  /** The heading's id, which names the section for screen readers. */
  id: string;
  title: string;
  note: string;
  columns: readonly string[];
  rows: readonly FigureRow[];
  /** Wide tables (many columns) scroll on their own on a phone, the page does not. */
  scroll?: boolean;
  class?: string;
}

export function FigureTable({ id, title, note, columns, rows, scroll, class: extra }: FigureTableProps) {
  const table = (
    <table class="grid-table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} class={row.class}>
            <th scope="row">{row.header}</th>
            {row.cells.map((cell, i) => (
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section class={extra ? `overview__section ${extra}` : 'overview__section'} aria-labelledby={id}>
      <h2 class="section-title" id={id}>
        {title}
      </h2>
      <p class="form-note">{note}</p>
      {scroll ? <div class="table-scroll">{table}</div> : table}
    </section>
  );
}
