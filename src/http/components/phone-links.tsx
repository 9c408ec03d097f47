// Phone numbers on public pages: shown as the registry writes them, dialled as digits.

/** The tel: link target of a number as written ('+371 646 00000' → 'tel:+37164600000'): digits and a leading plus. */
export function telephoneHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

export type PhoneNumber = { number: string; description?: string | null };

/** Numbers as links, comma-separated, each with its note in brackets ("+371 6… (reception)"). */
export function PhoneLinks(props: { phones: readonly PhoneNumber[] }) {
  return (
    <>
      {props.phones.map((phone, position) => (
        <>
          {position > 0 && ', '}
          <a href={telephoneHref(phone.number)}>{phone.number}</a>
          {phone.description ? ` (${phone.description})` : ''}
        </>
      ))}
    </>
  );
}
