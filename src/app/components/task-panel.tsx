import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import './today-panel.css';

/** Rows shown before 全部 n 项: enough to see what burns, short enough to keep the list in view. */
const FIRST_ROWS = 3;

/** One row of a home card: what it is, and when or why it waits; a tap opens the record. */
export interface TaskRow {
  key: string;
  href: string;
  /** The row's colour: overdue (red), near (amber) or later. */
  urgency: string;
  /** Subject and reason on two lines, for rows whose reason is long (a grid's name with it). */
  stacked?: boolean;
  subject: string;
  when: ComponentChildren;
}

/**
 * A card at the top of home (今日待办, 我的事件, 待审阅, 警务关注): its title with a count, what it
 * shows when nothing waits, the first rows with 全部 n 项 for the rest, and what a card adds
 * above its list (`head`) or below it (`foot`).
 */
export function TaskPanel({
  id,
  title,
  count,
  empty,
  rows,
  head,
  foot,
}: {
  id: string;
  title: string;
  /** The badge after the title; none when undefined. */
  count: string | undefined;
  empty: string;
  rows: readonly TaskRow[];
  head?: ComponentChildren;
  foot?: ComponentChildren;
}) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <section class="today-panel" aria-labelledby={id}>
      <h2 class="today-panel__title" id={id}>
        {title}
        {count !== undefined && (
          <>
            {' '}
            <span class="today-panel__count">{count}</span>
          </>
        )}
      </h2>
      {head}
      {rows.length === 0 ? (
        <p class="today-panel__calm">{empty}</p>
      ) : (
        <ul class="today-panel__list">
          {shown.map((row) => (
            <li key={row.key}>
              <a
                class={`today-task${row.stacked ? ' today-task--stacked' : ''} today-task--${row.urgency}`}
                href={row.href}
              >
                <span class="today-task__subject">{row.subject}</span>
                <span class="visually-hidden"> · </span>
                <span class="today-task__when">{row.when}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {rows.length > FIRST_ROWS && (
        <button
          type="button"
          class="today-panel__more"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('today.fewer') : t('today.all', { n: rows.length })}
        </button>
      )}
      {foot}
    </section>
  );
}
