// What the API refused or warned about, in the shopper's words: each userError's message (the API
// writes them for people), with its code for support.
import type { ErrorLike } from "@apollo/client";

export interface Problem {
  code: string;
  message: string;
  /** The input field at fault, as the API names it (e.g. ["address", "postalCode"]). */
  field?: readonly string[] | null;
}

export function Problems({ errors, warnings, label }: { errors?: readonly Problem[]; warnings?: readonly Problem[]; label?: string }) {
  if (!errors?.length && !warnings?.length) return null;
  return (
    <div className="messages">
      {errors?.length ? (
        <div role="alert" className="message error" aria-label={label ?? "Problem"}>
          <ul>
            {errors.map((e, i) => (
              <li key={i} data-code={e.code}>
                {e.message} <span className="code">({e.code})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {warnings?.length ? (
        <div role="status" className="message warning">
          <ul>
            {warnings.map((w, i) => (
              <li key={i} data-code={w.code}>
                {w.message} <span className="code">({w.code})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** A request that failed outright (network, or a top-level error without data). */
export function RequestFailed({ error }: { error: ErrorLike | undefined }) {
  if (!error) return null;
  return (
    <div role="alert" className="message error">
      Something went wrong talking to the shop: {error.message}
    </div>
  );
}

export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div role="status" className="message notice">
      {children}
    </div>
  );
}
