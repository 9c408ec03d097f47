// A listing text on a page, marked when it is Latvian shown to a Russian or English reader: the words carry
// lang="lv" (so a screen reader reads them with Latvian rules) and a note in the reader's language follows.
import type { Translate } from '../../core/i18n.js';
import type { ShownText } from '../../registry/listing-text.js';

/**
 * A text in the reader's language, or Latvian with "(по-латышски)" / "(in Latvian)" after it. Names pass
 * `mark={false}`: an institution without a Russian name is called by its Latvian one, which is simply its name, so
 * it only gets lang="lv" (the API's text_language still says "lv").
 */
export function ListingTextView(props: { value: ShownText; t: Translate; mark?: boolean }) {
  const value = props.value;
  // A text in the reader's language is in the page's language: nothing to mark.
  if (typeof value === 'string' || !value.fallback) return <>{typeof value === 'string' ? value : value.text}</>;
  if (props.mark === false) return <span lang={value.language}>{value.text}</span>;
  return (
    <>
      <span lang={value.language}>{value.text}</span> <span class="in-latvian">{props.t('listing.in_latvian')}</span>
    </>
  );
}
