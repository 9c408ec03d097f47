import type { Translate } from '../core/i18n.js';

/** The "Demonstration data" mark every page shows next to an invented institution (finder, plans, staff pages). */
export function DemoBadge(props: { t: Translate }) {
  return (
    <span class="badge demo" title={props.t('registry.demo.explained')}>
      {props.t('registry.demo.badge')}
    </span>
  );
}
