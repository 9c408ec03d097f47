import type { Context } from 'hono';
import type { AppEnvironment } from './context.js';

/** The hidden field every `<form method="post">` carries; the accounts module checks it on every POST. */
export function CsrfField(props: { c: Context<AppEnvironment> }) {
  return <input type="hidden" name="_csrf" value={props.c.get('csrfToken')} />;
}
