import type { Translate } from '../core/i18n.js';

/**
 * The "Demonstration data" mark every page shows next to an invented institution (finder, plans, staff pages), and
 * next to the reconstructed 2004 survey wave (with its own explanation).
 */
export function DemoBadge(props: { t: Translate; explanation?: string }) {
  return (
    <span class="badge demo" title={props.explanation ?? props.t('registry.demo.explained')}>
      {props.t('registry.demo.badge')}
    </span>
  );
}
