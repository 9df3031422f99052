// The norms per care type as a table: the explanation page and the region's norm page show the same one.
import { h } from './dom.js';

/** Weeks in a table cell: "–" for no bound, "direct" for 0. */
export const weeksCell = (value) => h('td', { class: 'num' }, value == null ? '–' : value === 0 ? 'direct' : `${value} wk`);

/** The effective norms (GET /api/v1/norms) per care type, with which norm applies. */
export function normsTable(norms) {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Normen per soort hulp', tabindex: '0' },
    h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Maximale wachttijd per soort hulp'),
      h('thead', {}, h('tr', {}, ['Soort hulp', 'Tot intake', 'Van intake tot start', 'In totaal', 'Welke norm'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, norms.map((n) => h('tr', {},
        h('th', { scope: 'row' }, n.careTypeName),
        weeksCell(n.maxIntakeWeeks), weeksCell(n.maxTreatmentWeeks), weeksCell(n.maxTotalWeeks),
        h('td', {}, n.source === 'regio' ? 'Norm van de regio' : n.label ?? 'Geen norm'))))));
}
